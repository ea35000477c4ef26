import type { ReactNode } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Switch, Tag, Typography } from 'antd';
import type { DispatchTableRow } from '@guatu/contracts';
import { completionRate, paceRate, paceWarning } from '@guatu/domain/dispatch/figures';
import { monthNumber } from '@guatu/domain/dispatch/month';
import { formatWan } from '../../format.ts';
import { useT } from '../../i18n/index.tsx';
import { localIssues, yuanOfWanText, ytdWithThisMonth, type ReportForm } from './report-form-state.ts';
import { issuesAt, issueText, localIssueText, type FieldIssue } from './report-issues.ts';

const warningColor = { green: 'success', yellow: 'warning', red: 'error' } as const;

/** A labelled field with its issues under it (the phone's one column). */
export function Field(props: {
  label: ReactNode;
  htmlFor?: string;
  help?: ReactNode[];
  children: ReactNode;
}) {
  return (
    <Flex vertical gap={6}>
      <label htmlFor={props.htmlFor}>
        <Typography.Text strong>{props.label}</Typography.Text>
      </label>
      {props.children}
      {props.help}
    </Flex>
  );
}

type Props = {
  form: ReportForm;
  set: (patch: Partial<ReportForm>) => void;
  editable: boolean;
  issues: FieldIssue[];
  row: DispatchTableRow;
  month: string;
};

/** The report's messages at one field: the phone's own check first, then the server's. */
function useHelp(props: Props) {
  const t = useT();
  const local = localIssues(props.form);
  return (path: 'completedThisMonth' | 'fundsInPlace' | 'workersOnSite'): ReactNode[] => {
    const own = local[path];
    if (own)
      return [
        <Typography.Text key="local" type="danger">
          {localIssueText(own, t)}
        </Typography.Text>,
      ];
    return issuesAt(props.issues, path).map((i) => (
      <Typography.Text key={i.code} type={i.severity === 'error' ? 'danger' : 'warning'}>
        {issueText(i, t)}
      </Typography.Text>
    ));
  };
}

/** 本月完成投资 (万元) with the year to date computed from it, 到位资金, 施工人数. */
export function ReportMoneyFields(props: Props) {
  const t = useT();
  const help = useHelp(props);
  const { form, set, editable, row, month } = props;
  const typed = yuanOfWanText(form.completedWan);
  const ytd = ytdWithThisMonth(row, typeof typed === 'number' && typed >= 0 ? typed : null);
  const rate = completionRate(ytd, row.annualPlan);
  const pace = paceWarning(ytd, row.annualPlan, month).level;
  const status = (path: 'completedThisMonth' | 'fundsInPlace' | 'workersOnSite') =>
    help(path).length === 0
      ? undefined
      : issuesAt(props.issues, path).every((i) => i.severity === 'warning') && !localIssues(form)[path]
        ? 'warning'
        : 'error';
  const wan = t('dispatchReport.unit.wan');

  return (
    <Flex vertical gap={16}>
      <Field
        label={t('dispatchReport.field.completed')}
        htmlFor="report-completed"
        help={help('completedThisMonth')}
      >
        <Input
          id="report-completed"
          size="large"
          inputMode="decimal"
          autoComplete="off"
          suffix={wan}
          disabled={!editable}
          status={status('completedThisMonth')}
          value={form.completedWan}
          onChange={(e) => set({ completedWan: e.target.value })}
        />
      </Field>
      <Flex
        vertical
        gap={4}
        style={{ background: '#fafafa', borderRadius: 8, padding: 12 }}
        data-testid="report-ytd"
      >
        <Flex justify="space-between">
          <Typography.Text type="secondary">
            {t('dispatchReport.ytd', { month: monthNumber(month) })}
          </Typography.Text>
          <Typography.Text strong>{`${formatWan(ytd)} ${wan}`}</Typography.Text>
        </Flex>
        <Flex justify="space-between">
          <Typography.Text type="secondary">{t('dispatchReport.annualPlan')}</Typography.Text>
          <Typography.Text>{`${formatWan(row.annualPlan)} ${wan}`}</Typography.Text>
        </Flex>
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">{t('dispatchReport.rateAndPace')}</Typography.Text>
          <span>
            {rate === null ? '—' : `${rate}%`} / {`${paceRate(month)}%`}{' '}
            {pace ? <Tag color={warningColor[pace]}>{t(`dispatchReport.pace.${pace}`)}</Tag> : null}
          </span>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('dispatchReport.ytdHint')}
        </Typography.Text>
      </Flex>
      <Field label={t('dispatchReport.field.funds')} htmlFor="report-funds" help={help('fundsInPlace')}>
        <Input
          id="report-funds"
          size="large"
          inputMode="decimal"
          autoComplete="off"
          suffix={wan}
          disabled={!editable}
          status={status('fundsInPlace')}
          value={form.fundsWan}
          onChange={(e) => set({ fundsWan: e.target.value })}
        />
      </Field>
      <Field label={t('dispatchReport.field.workers')} htmlFor="report-workers" help={help('workersOnSite')}>
        <Input
          id="report-workers"
          size="large"
          inputMode="numeric"
          autoComplete="off"
          suffix={t('dispatchReport.unit.people')}
          disabled={!editable}
          status={status('workersOnSite')}
          value={form.workers}
          onChange={(e) => set({ workers: e.target.value })}
        />
      </Field>
    </Flex>
  );
}

/** 纳统: the switch, then its code and date. */
export function ReportStatsFields({ form, set, editable }: Props) {
  const t = useT();
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center">
        <label htmlFor="report-stats">
          <Typography.Text strong>{t('dispatchReport.field.statsIncluded')}</Typography.Text>
        </label>
        <Switch
          id="report-stats"
          checked={form.statsIncluded}
          disabled={!editable}
          onChange={(v) => set({ statsIncluded: v })}
        />
      </Flex>
      {form.statsIncluded && (
        <>
          <Field label={t('dispatchReport.field.statsCode')} htmlFor="report-stats-code">
            <Input
              id="report-stats-code"
              size="large"
              maxLength={50}
              disabled={!editable}
              value={form.statsCode}
              onChange={(e) => set({ statsCode: e.target.value })}
            />
          </Field>
          <Field label={t('dispatchReport.field.statsDate')} htmlFor="report-stats-date">
            <Input
              id="report-stats-date"
              type="date"
              size="large"
              disabled={!editable}
              value={form.statsDate}
              onChange={(e) => set({ statsDate: e.target.value })}
            />
          </Field>
        </>
      )}
    </Flex>
  );
}

/** 存在问题: one line each, added and removed. */
export function ReportProblems({ form, set, editable }: Props) {
  const t = useT();
  const change = (i: number, v: string) => set({ problems: form.problems.map((p, j) => (j === i ? v : p)) });
  return (
    <Flex vertical gap={8}>
      {form.problems.map((p, i) => (
        <Flex key={i} gap={8} align="start">
          <Input.TextArea
            aria-label={t('dispatchReport.problems.item', { n: i + 1 })}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={500}
            size="large"
            disabled={!editable}
            value={p}
            onChange={(e) => change(i, e.target.value)}
          />
          {editable && (
            <Button
              size="large"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('dispatchReport.problems.remove', { n: i + 1 })}
              onClick={() => set({ problems: form.problems.filter((_, j) => j !== i) })}
            />
          )}
        </Flex>
      ))}
      {form.problems.length === 0 && !editable ? (
        <Typography.Text type="secondary">{t('dispatchReport.problems.none')}</Typography.Text>
      ) : null}
      {editable && form.problems.length < 50 && (
        <Button
          size="large"
          block
          icon={<PlusOutlined />}
          onClick={() => set({ problems: [...form.problems, ''] })}
        >
          {t('dispatchReport.problems.add')}
        </Button>
      )}
    </Flex>
  );
}
