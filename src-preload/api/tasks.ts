import { z } from 'zod';

export const taskSnapshotSchema = z.object({
  taskId: z.string(),
  kind: z.string(),
  label: z.string(),
  done: z.number(),
  total: z.number(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  message: z.string().optional(),
});
export type TaskSnapshotShape = z.infer<typeof taskSnapshotSchema>;
export const taskIdSchema = z.object({ taskId: z.string().min(1).max(100) });
export const taskStartedSchema = z.object({ taskId: z.string() });
