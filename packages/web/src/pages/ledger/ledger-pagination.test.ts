import { describe, expect, it } from 'vitest';
import { pageItems } from './ledger-pagination.tsx';
import { nextSort } from './ledger-table.tsx';

describe('the ledger pager', () => {
  it('shows every page up to seven', () => {
    expect(pageItems(1, 1)).toEqual([1]);
    expect(pageItems(3, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
  it('shows the first, the last and two either side of the current page, with gaps', () => {
    expect(pageItems(1, 12)).toEqual([1, 2, 3, 4, 5, 6, null, 12]);
    expect(pageItems(6, 12)).toEqual([1, null, 4, 5, 6, 7, 8, null, 12]);
    expect(pageItems(12, 12)).toEqual([1, null, 7, 8, 9, 10, 11, 12]);
  });
});

describe('a click on a ledger header', () => {
  it('sorts ascending, then descending, then not at all', () => {
    const none = { sort: null, order: null };
    expect(nextSort(none, 'name')).toEqual({ sort: 'name', order: 'asc' });
    expect(nextSort({ sort: 'name', order: 'asc' }, 'name')).toEqual({ sort: 'name', order: 'desc' });
    expect(nextSort({ sort: 'name', order: 'desc' }, 'name')).toEqual(none);
  });
  it('starts ascending on another column', () => {
    expect(nextSort({ sort: 'name', order: 'desc' }, 'level')).toEqual({ sort: 'level', order: 'asc' });
  });
});
