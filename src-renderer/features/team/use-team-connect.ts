import { useEffect, useRef, useState } from 'react';
import type { TeamConnectInput, TeamConnectResult } from '../../../src-preload/api/team';
import { useApi, useEvent } from '../../app/api-context';
import { ApiError } from '../../app/client';

export type ConnectKind = 'publish' | 'join';
export interface ConnectRun {
  kind: ConnectKind;
  taskId: string;
  done: number;
  total: number;
  message?: string;
}

const KIND_OF_TASK: Record<string, ConnectKind> = { 'team.publish': 'publish', 'team.join': 'join' };

/**
 * A publish or join from Settings → Team: started as a task in main, followed by task.progress ("Copied 20,000 of
 * 100,000 rows"), cancelled through tasks.cancel, ended by team.connectResult. A run started earlier (another
 * visit to Settings, another door) is picked up again when the card opens.
 */
export function useTeamConnect(onFinished: (r: TeamConnectResult) => void) {
  const api = useApi();
  const [run, setRunState] = useState<ConnectRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [ended, setEnded] = useState<TeamConnectResult | null>(null);
  const runRef = useRef<ConnectRun | null>(null);
  const setRun = (r: ConnectRun | null) => {
    runRef.current = r;
    setRunState(r);
  };

  useEffect(() => {
    let live = true;
    void api.tasks
      .list({})
      .then(({ tasks }) => {
        const t = tasks.find((x) => x.state === 'running' && KIND_OF_TASK[x.kind]);
        if (live && t && !runRef.current)
          setRun({ kind: KIND_OF_TASK[t.kind]!, taskId: t.taskId, done: t.done, total: t.total, ...(t.message ? { message: t.message } : {}) });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api]);

  const finish = async (taskId: string) => {
    const r = await api.team.connectResult({ taskId });
    if (r.state === 'running' || runRef.current?.taskId !== taskId) return;
    setRun(null);
    setEnded(r);
    if (r.error && r.state === 'failed') setError(new ApiError(r.error.code, r.error.message, r.error.hint));
    onFinished(r);
  };

  useEvent('task.progress', (p) => {
    const cur = runRef.current;
    if (!cur || p.taskId !== cur.taskId) return;
    if (p.state === 'running') setRun({ ...cur, done: p.done, total: p.total, ...(p.message ? { message: p.message } : {}) });
    else void finish(p.taskId).catch(setError);
  });

  const start = async (kind: ConnectKind, input: TeamConnectInput): Promise<boolean> => {
    setError(null);
    setEnded(null);
    try {
      const { taskId } = await (kind === 'publish' ? api.team.publish(input) : api.team.join(input));
      setRun({ kind, taskId, done: 0, total: 0, message: 'Connecting' });
      // A quick run may have ended before its id was known here (its events went by): ask once.
      await finish(taskId);
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };
  const cancel = () => {
    const cur = runRef.current;
    if (cur) void api.tasks.cancel({ taskId: cur.taskId }).catch(setError);
  };
  const reset = () => {
    setError(null);
    setEnded(null);
  };
  return { run, error, ended, start, cancel, reset };
}
export type TeamConnectState = ReturnType<typeof useTeamConnect>;
