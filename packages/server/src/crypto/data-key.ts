/**
 * The personal-data key at start: where it comes from, the check that it is the database's key,
 * and the encryption of values written before encryption existed.
 * - GUATU_DATA_KEY (64 hex digits) when set, on either engine;
 * - else, on SQLite only, `<dataDir>/guatu.key` (mode 0600), generated at the first start and
 *   printed where it is: the two-command start keeps working, and the key sits beside the
 *   database it opens (back them up together, keep them apart from other copies);
 * - else, on PostgreSQL, no start: several app servers share one database and must share one
 *   key, which a file on one host cannot promise.
 * The database keeps the key's check value (table data_keys): a start with another key is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { DbHandle } from '../db/connect.ts';
import {
  findDataKeyFingerprint,
  findUnsealedPersonalValues,
  insertDataKeyFingerprint,
  rewriteStoredValue,
} from '../repositories/personal-data.repository.ts';
import {
  createDataCodec,
  generateDataKey,
  installDataCodec,
  isSealed,
  type DataCodec,
} from './personal-data.ts';

const PURPOSE = 'personal';
export const KEY_FILE = 'guatu.key';

async function resolveKey(
  config: Pick<Config, 'dataKey' | 'dataDir'>,
  handle: DbHandle,
  log: (s: string) => void,
): Promise<string> {
  if (config.dataKey) return config.dataKey;
  if (handle.engine === 'postgres')
    throw new Error(
      'GUATU_DATA_KEY is required on PostgreSQL (64 hex digits, e.g. `openssl rand -hex 32`): ' +
        'phone numbers are stored encrypted with it, and every app server needs the same key.',
    );
  const file = path.join(config.dataDir, KEY_FILE);
  if (fs.existsSync(file)) {
    const mode = fs.statSync(file).mode & 0o077;
    if (mode !== 0) log(`[guatu] warning: ${file} is readable by other users; chmod 600 it`);
    return fs.readFileSync(file, 'utf8').trim();
  }
  if ((await findDataKeyFingerprint(handle.db, PURPOSE)) !== null)
    throw new Error(
      `The database's personal data is encrypted with a key that is not here: restore ${file} ` +
        'or set GUATU_DATA_KEY to that key. A new key would not open the existing phone numbers.',
    );
  const key = generateDataKey();
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  log(`[guatu] 个人信息加密密钥已生成 personal-data key generated: ${file} (mode 600)`);
  log('[guatu] 请与数据库一同备份并妥善保管；丢失则电话号码无法解密。Back it up with the database.');
  return key;
}

/**
 * Resolves the key, checks it against the database, installs the codec for this process and
 * encrypts the values still stored in plain text (rows from before migration 0010, or written
 * straight into the database). Returns how many values it encrypted.
 */
export async function setupPersonalData(
  config: Pick<Config, 'dataKey' | 'dataDir' | 'dataCipher'>,
  handle: DbHandle,
  now: Date,
  log: (s: string) => void,
): Promise<{ codec: DataCodec; encrypted: number }> {
  const codec = createDataCodec(await resolveKey(config, handle, log), config.dataCipher);
  const known = await findDataKeyFingerprint(handle.db, PURPOSE);
  if (known !== null && known !== codec.fingerprint)
    throw new Error(
      'GUATU_DATA_KEY (or guatu.key) is not the key this database was encrypted with ' +
        `(key check ${codec.fingerprint.slice(0, 8)}…, database expects ${known.slice(0, 8)}…): refusing to start.`,
    );
  installDataCodec(codec);
  const encrypted = await handle.db.transaction().execute(async (trx) => {
    if (known === null) await insertDataKeyFingerprint(trx, PURPOSE, codec.fingerprint, now.toISOString());
    const plain = (await findUnsealedPersonalValues(trx)).filter((v) => !isSealed(v.value));
    for (const v of plain) await rewriteStoredValue(trx, { ...v, value: codec.seal(v.field, v.value) });
    return plain.length;
  });
  if (encrypted > 0) log(`[guatu] encrypted ${encrypted} phone numbers stored in plain text`);
  return { codec, encrypted };
}
