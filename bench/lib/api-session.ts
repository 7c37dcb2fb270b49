import { SESSION_COOKIE, XSRF_COOKIE, XSRF_HEADER } from '@app/shared';

/** A logged-in HTTP session against the product, as the browser holds it (session + XSRF cookies). */
export class ApiSession {
  private readonly cookies = new Map<string, string>();

  private constructor(readonly baseUrl: string) {}

  static async login(baseUrl: string, username: string, password: string): Promise<ApiSession> {
    const session = new ApiSession(baseUrl);
    await session.request('GET', '/api/health');
    await session.request('POST', '/api/auth/login', { json: { username, password } });
    if (!session.cookies.has(SESSION_COOKIE)) throw new Error(`login as ${username} failed`);
    return session;
  }

  /** For a browser context: the same cookies, so the page is logged in as this user. */
  browserCookies(): { name: string; value: string; url: string }[] {
    return [...this.cookies].map(([name, value]) => ({ name, value, url: this.baseUrl }));
  }

  async request<T = unknown>(method: string, path: string, body?: { json?: unknown; form?: FormData }): Promise<T> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    const xsrf = this.cookies.get(XSRF_COOKIE);
    if (xsrf) headers[XSRF_HEADER] = xsrf;
    if (body?.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body?.form ?? (body?.json !== undefined ? JSON.stringify(body.json) : undefined),
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1)));
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
