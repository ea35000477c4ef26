import { useCallback, useState } from 'react';

// 列设置: the ledger columns a user hid, kept in this browser per user id (localStorage, no server
// row: a preference of one screen, not data). The project name is always shown.

const storageKey = (userId: number) => `guatu.ledger.hiddenColumns.${userId}`;

/** The hidden column keys read back; anything unreadable counts as none hidden. */
export function readHidden(userId: number, storage: Pick<Storage, 'getItem'> = localStorage): string[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(storageKey(userId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

export function writeHidden(
  userId: number,
  hidden: string[],
  storage: Pick<Storage, 'setItem'> = localStorage,
): void {
  try {
    storage.setItem(storageKey(userId), JSON.stringify(hidden));
  } catch {
    // storage unavailable (private mode): the choice lasts until the page is left
  }
}

/** The user's hidden ledger columns and a setter that keeps them. */
export function useHiddenColumns(userId: number): [string[], (hidden: string[]) => void] {
  const [hidden, setState] = useState(() => readHidden(userId));
  const set = useCallback(
    (next: string[]) => {
      writeHidden(userId, next);
      setState(next);
    },
    [userId],
  );
  return [hidden, set];
}
