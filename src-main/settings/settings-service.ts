import { PROTECTED_SETTINGS, settingsPatchSchema, settingsSchema, type Settings } from '../../src-preload/api/settings';
import type { EventBus } from '../core/event-bus';
import type { Db } from '../ledger/open';
import { SettingsRepo } from '../ledger/settings-repo';
import { describeZodError } from '../core/zod-errors';

/** Non-secret settings with defaults; unknown or invalid stored values fall back to defaults instead of crashing. */
export class SettingsService {
  private readonly repo: SettingsRepo;
  private cached: Settings | undefined;
  private cachedAt = -1;

  constructor(
    db: Db,
    private readonly bus: EventBus,
    private readonly now = () => new Date().toISOString(),
  ) {
    this.repo = new SettingsRepo(db);
  }

  get(): Settings {
    // Another process (`behalf settings set`, a second console) may have changed them: re-read when the ledger moved.
    const version = this.repo.dataVersion();
    if (this.cached && version === this.cachedAt) return this.cached;
    this.cachedAt = version;
    const stored = this.repo.readAll();
    const parsed = settingsSchema.safeParse(stored);
    this.cached = parsed.success ? parsed.data : this.salvage(stored);
    return this.cached;
  }

  /** Applies exactly the keys the patch carries; every other setting keeps its stored value. */
  update(patchInput: unknown): Settings {
    const patch = settingsPatchSchema.safeParse(patchInput);
    if (!patch.success) throw describeZodError(patch.error, 'settings.invalid');
    return this.write(patch.data);
  }

  /**
   * For main-process callers only (a confirmed endpoint change): writes keys the contract may not, such as
   * `postmarkEndpoint`. Never reachable from a door's input.
   */
  writeProtected(values: Pick<Partial<Settings>, (typeof PROTECTED_SETTINGS)[number]>): Settings {
    return this.write(values);
  }

  private write(sent: Partial<Settings>): Settings {
    const next = settingsSchema.safeParse({ ...this.get(), ...sent });
    if (!next.success) throw describeZodError(next.error, 'settings.invalid');
    const changed = Object.fromEntries(Object.keys(sent).map((k) => [k, next.data[k as keyof Settings]]));
    this.repo.writeMany(changed, this.now());
    this.cached = next.data;
    this.bus.emit('settings.changed', {});
    return next.data;
  }

  /** Keeps every stored value that is still valid on its own; drops the rest to defaults. */
  private salvage(stored: Record<string, unknown>): Settings {
    const base = settingsSchema.parse({});
    for (const [k, v] of Object.entries(stored)) {
      const one = settingsSchema.safeParse({ ...base, [k]: v });
      if (one.success) Object.assign(base, { [k]: one.data[k as keyof Settings] });
    }
    return base;
  }
}
