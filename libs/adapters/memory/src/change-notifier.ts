/**
 * Wakes every waiter on the next change (an append, a commit, a member joining or leaving, a
 * stop). Waiters re-check their condition after waking, so a spurious wake-up is harmless; a
 * missed one cannot happen because checking and waiting run in the same synchronous turn.
 */
export class ChangeNotifier {
  private waiters: Array<() => void> = [];

  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  notify(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }
}
