import { z } from 'zod';
import { lazy } from './lazy.ts';

/**
 * GET /api/dispatch/rounds/:id/table?page=&pageSize= (issue 11): one page of the table's rows in
 * its order (序号 of the first row: (page − 1) × pageSize + 1), the round, 序时进度 and the totals
 * of every row as without paging. Without either, every row (the answer as before).
 */
export const dispatchTableQuery = lazy(() =>
  z.strictObject({
    page: z.coerce.number().int().min(1).max(100_000).optional(),
    pageSize: z.coerce.number().int().min(1).max(1000).optional(),
  }),
);
export type DispatchTableQuery = z.infer<typeof dispatchTableQuery>;

/** The page size when only `page` is given. */
export const DISPATCH_TABLE_PAGE_SIZE = 50;
