import { Alert, Checkbox, Flex, Radio, Tag, Typography } from 'antd';
import type { ImportNearMatch, ImportOptions, ImportPreview } from '@guatu/contracts';
import { useI18n } from '../../i18n/index.tsx';

export type NearChoice = NonNullable<ImportOptions['nearChoices']>[number];

type Props = {
  preview: ImportPreview;
  confirmed: boolean;
  onConfirm: (v: boolean) => void;
  onChoose: (c: NearChoice) => void;
};

/** Whether the commit waits for the user: an empty system's jurisdiction must be confirmed first. */
export const needsConfirmation = (p: ImportPreview | undefined, confirmed: boolean) =>
  p?.jurisdiction?.setUp === true && !confirmed;

/**
 * The first import's part of the preview: the jurisdiction (on an empty system, a confirmation
 * box), 将新建 (departments and people the ledger names that do not exist) and near names to decide.
 */
export function PreviewCreate({ preview, confirmed, onConfirm, onChoose }: Props) {
  const { t } = useI18n();
  const j = preview.jurisdiction;
  const { departments, people } = preview.toCreate;
  const near = preview.nearMatches;
  const emptyWithout =
    j === null && preview.counts.error > 0 && preview.issues.some((i) => i.code === 'unknown_town');
  return (
    <Flex vertical gap={12} data-testid="import-first">
      {j?.setUp && (
        <Alert
          type="warning"
          showIcon
          title={t('firstImport.setUp.title')}
          data-testid="import-jurisdiction"
          description={
            <Flex vertical gap={8}>
              <span>{t('firstImport.setUp.body', { fullName: j.fullName })}</span>
              <Checkbox
                checked={confirmed}
                onChange={(e) => onConfirm(e.target.checked)}
                data-testid="import-jurisdiction-confirm"
              >
                {t('firstImport.setUp.confirm', { name: j.name })}
                <Typography.Text type="secondary">
                  {' '}
                  （{t(`firstImport.source.${j.source}`)}，{j.code}）
                </Typography.Text>
              </Checkbox>
            </Flex>
          }
        />
      )}
      {j && !j.setUp && (
        <Typography.Text type="secondary" data-testid="import-jurisdiction">
          {t('firstImport.jurisdiction', { name: j.fullName, code: j.code })} ·{' '}
          {t(`firstImport.source.${j.source}`)}
        </Typography.Text>
      )}
      {emptyWithout && <Alert type="info" showIcon title={t('firstImport.setUp.none')} />}
      {(departments.length > 0 || people.length > 0) && (
        <div data-testid="import-to-create">
          <Typography.Text strong>{t('firstImport.toCreate')}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            {t('firstImport.toCreate.hint')}
          </Typography.Text>
          {departments.length > 0 && (
            <NameList
              label={t('firstImport.toCreate.departments', { n: departments.length })}
              names={departments}
              testId="import-create-departments"
            />
          )}
          {people.length > 0 && (
            <NameList
              label={t('firstImport.toCreate.people', { n: people.length })}
              names={people}
              testId="import-create-people"
            />
          )}
        </div>
      )}
      {near.length > 0 && (
        <div data-testid="import-near">
          <Typography.Text strong>{t('firstImport.near.title', { n: near.length })}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            {t('firstImport.near.hint')}
          </Typography.Text>
          {near.map((m) => (
            <NearRow key={`${m.kind}-${m.name}`} match={m} onChoose={onChoose} />
          ))}
        </div>
      )}
    </Flex>
  );
}

function NameList({ label, names, testId }: { label: string; names: string[]; testId: string }) {
  return (
    <Flex gap={6} wrap align="center" style={{ marginTop: 6 }} data-testid={testId}>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      {names.map((n) => (
        <Tag key={n} color="green">
          {n}
        </Tag>
      ))}
    </Flex>
  );
}

function NearRow({ match, onChoose }: { match: ImportNearMatch; onChoose: (c: NearChoice) => void }) {
  const { t } = useI18n();
  return (
    <Flex gap={8} wrap align="center" style={{ marginTop: 6 }}>
      <Tag>{t(`firstImport.near.${match.kind}`)}</Tag>
      <Typography.Text strong>{match.name}</Typography.Text>
      <Radio.Group
        size="small"
        value={match.chosen ?? 0}
        onChange={(e) =>
          onChoose({
            kind: match.kind,
            name: match.name,
            existingId: e.target.value === 0 ? null : (e.target.value as number),
          })
        }
        options={[
          ...match.candidates.map((c) => ({
            value: c.id,
            label: t('firstImport.near.useExisting', { name: c.name }),
          })),
          { value: 0, label: t('firstImport.near.createNew', { name: match.name }) },
        ]}
      />
    </Flex>
  );
}
