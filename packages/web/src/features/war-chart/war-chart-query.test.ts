import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { encodeWarChartBinary, WAR_CHART_BINARY_TYPE } from '@guatu/contracts';
import { scheduleKeys } from '../../api/schedule-queries.ts';
import { menuTarget, warChartQueryOf } from './war-chart-query.ts';

const answer = {
  year: 2023,
  today: '2023-08-15',
  stages: [{ key: 'signing', name: '项目签约', group: 'landing' as const, milestone: false }],
  groups: [{ key: 'province', label: '省级重点项目', count: 2 }],
  projects: { ids: [7, 9], names: ['甲', '乙'], group: [0, 0] },
  cells: [2, 1],
};

function withFetch() {
  const urls: string[] = [];
  vi.stubGlobal('fetch', (url: string, init: { headers: Record<string, string> }) => {
    urls.push(url);
    // the page asks for the binary form (contracts/war-chart-binary.ts), JSON as the fallback
    expect(init.headers.Accept).toBe(`${WAR_CHART_BINARY_TYPE}, application/json`);
    return Promise.resolve(
      new Response(encodeWarChartBinary(answer) as Uint8Array<ArrayBuffer>, { status: 200 }),
    );
  });
  return urls;
}

afterEach(() => vi.unstubAllGlobals());

describe('挂图作战 from the menu', () => {
  it('keeps the ledger’s year and filters, and starts the request the page then reads (one request)', async () => {
    const urls = withFetch();
    const client = new QueryClient();
    const to = menuTarget(
      '/war-chart',
      { pathname: '/projects', search: '?year=2023&level=province&sort=name&page=3&q=%E5%8E%82' },
      client,
    );
    expect(to).toBe('/war-chart?year=2023&level=province&q=%E5%8E%82');
    // the page's key for that address: its year, the ledger's filters, the default grouping
    const key = scheduleKeys.warChart(warChartQueryOf(2023, { q: '厂', level: 'province' }, 'level'));
    await vi.waitFor(() => expect(client.getQueryData(key)).toBeTruthy());
    const data = client.getQueryData<{ cells: Uint8Array; projects: { ids: Int32Array } }>(key)!;
    expect(data.cells).toEqual(new Uint8Array([2, 1]));
    expect(data.projects.ids).toEqual(new Int32Array([7, 9]));
    // a second press (the click after the button went down) asks nothing again
    menuTarget(
      '/war-chart',
      { pathname: '/projects', search: '?year=2023&level=province&q=%E5%8E%82' },
      client,
    );
    expect(urls).toEqual(['/api/war-chart?year=2023&level=province&q=%E5%8E%82&groupBy=level']);
  });

  it('without a year in the address asks for the current year once it is known, else waits for the page', async () => {
    const urls = withFetch();
    const client = new QueryClient();
    expect(menuTarget('/war-chart', { pathname: '/projects', search: '' }, client)).toBe('/war-chart');
    expect(urls).toEqual([]);
    client.setQueryData(['projects', 'years'], { years: [2026, 2023], current: 2026 });
    menuTarget('/war-chart', { pathname: '/admin/users', search: '?q=x' }, client);
    await vi.waitFor(() => expect(urls).toEqual(['/api/war-chart?year=2026&groupBy=level']));
  });

  it('takes the war chart’s year and filters back to the ledger; other items go as they are', () => {
    const urls = withFetch();
    const client = new QueryClient();
    expect(
      menuTarget(
        '/projects',
        { pathname: '/war-chart', search: '?year=2024&regionId=18&groupBy=town' },
        client,
      ),
    ).toBe('/projects?year=2024&regionId=18');
    expect(menuTarget('/audit', { pathname: '/projects', search: '?year=2024' }, client)).toBe('/audit');
    expect(urls).toEqual([]);
  });
});
