import { expect, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from './helpers';

/** A day in Asia/Shanghai, 'YYYY-MM-DD'. */
export const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export type Round = { id: number; month: string; status: 'open' | 'closed'; version: number };

/** fgj's (乐陵市 admin) session through the API: its cookie and CSRF token. */
export async function asFgj(request: APIRequestContext): Promise<Record<string, string>> {
  const res = await request.post('/api/auth/login', { data: { username: 'fgj', password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers()['set-cookie']!.split(';')[0]!, 'x-csrf-token': csrfToken };
}

/**
 * This month's round in 乐陵市, open: created with a deadline two weeks on, or reopened (the demo's
 * rounds end last month, so the dispatch specs report in this month's).
 */
export async function openRound(request: APIRequestContext): Promise<Round> {
  const headers = await asFgj(request);
  const month = shanghai(new Date()).slice(0, 7);
  const list = await request.get(`/api/dispatch/rounds?year=${month.slice(0, 4)}`, { headers });
  const round = ((await list.json()) as { items: Round[] }).items.find((r) => r.month === month);
  const answer = !round
    ? await request.post('/api/dispatch/rounds', {
        headers,
        data: { month, deadline: shanghai(new Date(Date.now() + 14 * 86_400_000)) },
      })
    : round.status === 'closed'
      ? await request.post(`/api/dispatch/rounds/${round.id}/reopen`, {
          headers,
          data: { version: round.version },
        })
      : null;
  if (!answer) return round!;
  expect(answer.status(), await answer.text()).toBeLessThan(300);
  return (await answer.json()) as Round;
}
