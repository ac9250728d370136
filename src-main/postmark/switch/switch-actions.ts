import type { SendingOption } from '../../../src-preload/api/tenants';
import type { RemoveWhen, SwitchPlan } from '../../domain/switch-plan';

/**
 * What applying a switch plan does right now, pure: which Postmark objects to create, which removals to queue
 * at once, which to park until the new way of sending works, and what happens to removals still parked from
 * an earlier switch. The dialog shows this before the click (its button counts `queueNow`), and
 * switch-apply.ts carries out exactly this, so what was promised is what runs.
 */

export type DeferCondition = Exclude<RemoveWhen, 'now' | 'after-from-switched'>;
export type RemovableKind = 'domain' | 'sender';

export interface LinkFacts {
  kind: 'server' | 'domain' | 'sender';
  postmarkId: number;
  name: string;
}
export interface WaitingRemoval {
  id: number;
  kind: RemovableKind;
  postmarkId: number;
  label: string;
}

export interface SwitchActions {
  /** False when the tenant has nothing in Postmark yet: the choice is only recorded (provision later). */
  applies: boolean;
  create: Array<'server' | 'domain' | 'sender'>;
  removeNow: Array<{ kind: RemovableKind; postmarkId: number; label: string }>;
  defer: Array<{ kind: RemovableKind; postmarkId: number; label: string; condition: DeferCondition }>;
  /** Parked removals the new option needs again (switching back): they are dropped. */
  cancelWaiting: WaitingRemoval[];
  /** Parked removals that may go now (the tenant moves to the vendor address, nothing of theirs is needed). */
  releaseWaiting: WaitingRemoval[];
  /** Removals the plan names without a Postmark id (not linked): nothing to queue; reconcile first. */
  unresolved: string[];
  /** Creations + removals + releases queued in the outbox by the click. */
  queueNow: number;
}

/** The object each option sends through (besides the server); option 3 uses the vendor's domain, not the tenant's. */
const NEEDS: Record<SendingOption, RemovableKind | null> = { 1: 'domain', 2: 'sender', 3: null };

export function switchActions(input: {
  plan: Pick<SwitchPlan, 'from' | 'to' | 'remove'>;
  links: readonly LinkFacts[];
  waiting: readonly WaitingRemoval[];
}): SwitchActions {
  const { plan, links, waiting } = input;
  const none: SwitchActions = { applies: false, create: [], removeNow: [], defer: [], cancelWaiting: [], releaseWaiting: [], unresolved: [], queueNow: 0 };
  if (links.length === 0 || plan.from === plan.to) return none;
  const has = (kind: LinkFacts['kind']) => links.some((l) => l.kind === kind);
  const create: SwitchActions['create'] = [];
  if (!has('server')) create.push('server');
  const needed = NEEDS[plan.to];
  if (needed && !has(needed)) create.push(needed);

  const removeNow: SwitchActions['removeNow'] = [];
  const defer: SwitchActions['defer'] = [];
  const unresolved: string[] = [];
  const parked = new Set(waiting.map((w) => `${w.kind}:${w.postmarkId}`));
  for (const r of plan.remove) {
    if (r.kind === 'server') continue; // the plan never removes the server: every option sends through it
    const id = typeof r.id === 'number' ? r.id : Number.NaN;
    if (!Number.isInteger(id)) {
      unresolved.push(r.label);
      continue;
    }
    if (parked.has(`${r.kind}:${id}`) && plan.to !== 3) continue; // already waiting from an earlier switch
    // 'after-from-switched' is only planned for option 3, whose From is the vendor address as soon as the
    // option is recorded (sends build it from the settings), so applying the switch meets it.
    if (r.when === 'now' || r.when === 'after-from-switched') removeNow.push({ kind: r.kind, postmarkId: id, label: r.label });
    else defer.push({ kind: r.kind, postmarkId: id, label: r.label, condition: r.when });
  }
  const nowIds = new Set(removeNow.map((r) => `${r.kind}:${r.postmarkId}`));
  const cancelWaiting = waiting.filter((w) => w.kind === needed);
  const releaseWaiting = plan.to === 3 ? waiting.filter((w) => !nowIds.has(`${w.kind}:${w.postmarkId}`)) : [];
  // A removal the plan queues now supersedes the parked one for the same object.
  const superseded = waiting.filter((w) => nowIds.has(`${w.kind}:${w.postmarkId}`));
  return {
    applies: true,
    create,
    removeNow,
    defer,
    cancelWaiting: [...cancelWaiting, ...superseded],
    releaseWaiting,
    unresolved,
    queueNow: create.length + removeNow.length + releaseWaiting.length,
  };
}
