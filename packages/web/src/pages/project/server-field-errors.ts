/** Reads field paths out of a 400's `details` (zod issues, or `{ issues }`, or `{ field: message }`). */
export function fieldErrors(details: unknown): { path: (string | number)[]; message: string }[] {
  const list: unknown =
    details && typeof details === 'object' && 'issues' in details
      ? (details as { issues: unknown }).issues
      : details;
  if (Array.isArray(list)) {
    return list.flatMap((item: unknown) => {
      if (!item || typeof item !== 'object') return [];
      const { path, message } = item as { path?: unknown; message?: unknown };
      const p = Array.isArray(path)
        ? path.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number')
        : typeof path === 'string'
          ? path.split('.')
          : [];
      return p.length && typeof message === 'string' ? [{ path: p, message }] : [];
    });
  }
  if (list && typeof list === 'object') {
    return Object.entries(list as Record<string, unknown>).flatMap(([k, v]) =>
      typeof v === 'string'
        ? [{ path: k.split('.'), message: v }]
        : Array.isArray(v) && typeof v[0] === 'string'
          ? [{ path: k.split('.'), message: v[0] }]
          : [],
    );
  }
  return [];
}

const formName: Record<string, string> = {
  totalInvestment: 'totalInvestmentWan',
  annualPlan: 'annualPlanWan',
};

/** The project form's field for an API path: years[0].annualPlan → annualPlanWan. */
export function projectFieldName(path: (string | number)[]): string | null {
  const head = String(path[0]);
  if (head === 'years')
    return formName[String(path[2] ?? 'annualPlan')] ?? String(path[2] ?? 'annualPlanWan');
  if (head === 'version') return null;
  return formName[head] ?? head;
}
