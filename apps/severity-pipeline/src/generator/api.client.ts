import type { EventStatus } from '../events/event-status';

export interface GeneratorTarget {
  /** The API's base URL, e.g. http://127.0.0.1:3003. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
}

export interface NewEventRequest {
  readonly title: string;
  readonly message: string;
  readonly status: EventStatus;
  readonly source: string;
}

/**
 * The generator's view of the API: an external client with a user and a password, as the
 * seed's Airflow DAG was. It logs in with the token endpoint, keeps the access token, and on a
 * 401 gets a new one (with the refresh token, or by logging in again) and retries once.
 */
export class ApiClient {
  private access?: string;
  private refresh?: string;

  constructor(
    private readonly target: GeneratorTarget,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async createEvent(event: NewEventRequest): Promise<{ id: string; status: EventStatus }> {
    let response = await this.post('/api/events', event, await this.accessToken());
    if (response.status === 401) {
      this.access = undefined;
      response = await this.post('/api/events', event, await this.accessToken());
    }
    if (response.status !== 201) throw await failure('POST /api/events', response);
    return (await response.json()) as { id: string; status: EventStatus };
  }

  private async accessToken(): Promise<string> {
    if (this.access) return this.access;
    if (this.refresh) {
      const refreshed = await this.post('/api/token/refresh/', { refresh: this.refresh });
      if (refreshed.ok) {
        this.access = ((await refreshed.json()) as { access: string }).access;
        return this.access;
      }
    }
    const { username, password } = this.target;
    const response = await this.post('/api/token/', { username, password });
    if (!response.ok) throw await failure('POST /api/token/', response);
    const tokens = (await response.json()) as { access: string; refresh: string };
    this.access = tokens.access;
    this.refresh = tokens.refresh;
    return this.access;
  }

  private post(path: string, body: unknown, token?: string): Promise<Response> {
    return this.fetchFn(new URL(path, this.target.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  }
}

async function failure(what: string, response: Response): Promise<Error> {
  const text = await response.text().catch(() => '');
  return new Error(`${what} answered ${response.status}${text ? `: ${text.slice(0, 300)}` : ''}`);
}
