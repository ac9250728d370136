/**
 * Failed sign-ins are rate-limited: a few tries a minute, then a pause that doubles while failures go on. The host
 * listens on loopback only, but any local program (or page) can knock, and a secret must not be guessable by
 * brute force in the time a person leaves the console open.
 */
export class SignInLimiter {
  static readonly FREE_FAILURES = 5;
  static readonly WINDOW_MS = 60_000;
  private failures: number[] = [];
  private blockedUntil = 0;
  private penaltyMs = 30_000;

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds to wait before another try is heard (0 = go ahead). */
  retryAfterMs(): number {
    return Math.max(0, this.blockedUntil - this.now());
  }

  fail(): void {
    const t = this.now();
    this.failures = this.failures.filter((f) => t - f < SignInLimiter.WINDOW_MS);
    this.failures.push(t);
    if (this.failures.length >= SignInLimiter.FREE_FAILURES) {
      this.blockedUntil = t + this.penaltyMs;
      this.penaltyMs = Math.min(this.penaltyMs * 2, 15 * 60_000);
      this.failures = [];
    }
  }

  succeed(): void {
    this.failures = [];
    this.penaltyMs = 30_000;
  }
}
