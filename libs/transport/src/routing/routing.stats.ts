/** What the router has done since start, per (topic, type): served by `GET /handlers`. */
export interface RouteCounts {
  handled: number;
  duplicates: number;
  deadLettered: number;
}

export class RoutingStats {
  private readonly routes = new Map<string, RouteCounts>();
  private readonly unrouted = new Map<string, number>();

  count(topic: string, type: string, outcome: keyof RouteCounts): void {
    const key = `${topic} ${type}`;
    const counts = this.routes.get(key) ?? { handled: 0, duplicates: 0, deadLettered: 0 };
    counts[outcome]++;
    this.routes.set(key, counts);
  }

  /** An event nobody registered for: counted and logged, never fatal. */
  countUnrouted(topic: string, type: string): number {
    const key = `${topic} ${type}`;
    const seen = (this.unrouted.get(key) ?? 0) + 1;
    this.unrouted.set(key, seen);
    return seen;
  }

  of(topic: string, type: string): RouteCounts {
    return {
      ...(this.routes.get(`${topic} ${type}`) ?? { handled: 0, duplicates: 0, deadLettered: 0 }),
    };
  }

  unroutedEvents(): { topic: string; type: string; count: number }[] {
    return [...this.unrouted.entries()].map(([key, count]) => {
      const [topic, type] = key.split(' ');
      return { topic, type, count };
    });
  }
}
