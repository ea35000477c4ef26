import { App, Alert, Button, Card, Descriptions, Flex, Space, Spin, Table, Tag, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  EditOutlined,
  InboxOutlined,
  ScheduleOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import type { Project, ProjectYear } from '@guatu/contracts';
import { errorMessage } from '../../api/client.ts';
import { fetchProjectContactPhone } from '../../api/personal-data.ts';
import { MaskedPhone } from '../../features/personal-data/masked-phone.tsx';
import { useArchiveProject, useProject } from '../../api/queries.ts';
import { ResultPage } from '../../components/result-page.tsx';
import { useIsMobile } from '../../components/use-mobile.ts';
import { formatWan, formatYi, showDate, showInstant } from '../../format.ts';
import { projectFieldLabel, type ProjectFieldKey } from '@guatu/domain/project-fields';
import { useI18n, type Language, type Translate } from '../../i18n/index.tsx';
import { canArchiveProject, canEditProject } from '../../permissions.ts';
import { useUser } from '../../session.tsx';
import { ProjectAttachmentsCard } from './project-attachments-card.tsx';

const text = (v: string | null | undefined) => (v ? v : '—');

/** 上报：截至 2023-03-31 累计完成 X 万元；形象进度 … — the ledger's reported figures of the year. */
function ReportedFigures({ t, year }: { t: Translate; year: ProjectYear | undefined }) {
  if (!year || (year.reportedYtd == null && !year.reportedProgress))
    return <Typography.Text type="secondary">{t('catalogue.reportedNone')}</Typography.Text>;
  const parts = [
    year.reportedYtd == null
      ? null
      : t('catalogue.reportedLine', {
          asOf: showDate(year.reportedAsOf ?? null),
          ytd: money(t, year.reportedYtd),
        }),
    year.reportedProgress ? t('catalogue.reportedProgress', { progress: year.reportedProgress }) : null,
  ].filter((x): x is string => x !== null);
  return (
    <span title={t('catalogue.reportedHelp')} style={{ whiteSpace: 'pre-wrap' }}>
      {parts.join('；')}
    </span>
  );
}

function money(t: Translate, yuan: number) {
  const wan = `${formatWan(yuan)} ${t('common.wan')}`;
  return yuan >= 100_000_000 ? `${wan}（${formatYi(yuan)} ${t('common.yi')}）` : wan;
}

function fields(t: Translate, language: Language, p: Project, canViewPhone: boolean) {
  const latest = [...p.years].sort((a, b) => b.year - a.year)[0];
  // Labels from the project field catalogue.
  const L = (key: ProjectFieldKey) => projectFieldLabel(key, language) ?? key;
  return [
    { key: 'name', label: L('name'), children: p.name, span: 'filled' as const },
    { key: 'code', label: L('code'), children: text(p.code) },
    { key: 'level', label: L('level'), children: latest ? t(`level.${latest.level}`) : '—' },
    {
      key: 'category',
      label: L('category'),
      children: latest ? t(`category.${latest.category}`) : '—',
    },
    { key: 'nature', label: L('nature'), children: t(`nature.${p.nature}`) },
    { key: 'industry', label: L('industry'), children: text(p.industry) },
    { key: 'ownerUnit', label: L('ownerUnit'), children: text(p.ownerUnit) },
    { key: 'region', label: L('regionId'), children: p.regionName },
    { key: 'address', label: L('address'), children: text(p.address) },
    {
      key: 'coords',
      label: `${L('longitude')} / ${L('latitude')}`,
      children: p.longitude !== null && p.latitude !== null ? `${p.longitude}, ${p.latitude}` : '—',
    },
    { key: 'totalInvestment', label: L('totalInvestment'), children: money(t, p.totalInvestment) },
    {
      key: 'annualPlan',
      label: L('annualPlan'),
      children: latest ? money(t, latest.annualPlan) : '—',
    },
    {
      key: 'reported',
      label: t('catalogue.reported'),
      span: 'filled' as const,
      children: <ReportedFigures t={t} year={latest} />,
    },
    { key: 'plannedStart', label: L('plannedStart'), children: showDate(p.plannedStart) },
    { key: 'plannedFinish', label: L('plannedFinish'), children: showDate(p.plannedFinish) },
    {
      key: 'actualStart',
      label: L('actualStart'),
      children: p.started ? (
        <Tag color="green">
          {p.actualStart ?? (p.startedUndated ? L('startedUndated') : t('ledger.started.yes'))}
        </Tag>
      ) : (
        <Tag>{t('project.notStarted')}</Tag>
      ),
    },
    {
      key: 'stats',
      label: L('statsIncluded'),
      children: p.statsIncluded
        ? `${t('common.yes')} ${p.statsCode ?? ''} ${p.statsDate ?? ''}`.trim()
        : t('common.no'),
    },
    { key: 'leader', label: L('leaderId'), children: text(p.leaderName) },
    {
      key: 'taskForce',
      label: L('taskForceIds'),
      children: p.taskForce.length ? p.taskForce.map((m) => <Tag key={m.id}>{m.name}</Tag>) : '—',
    },
    { key: 'department', label: L('departmentId'), children: text(p.departmentName) },
    { key: 'contact', label: L('contactName'), children: text(p.contactName) },
    {
      key: 'phone',
      label: L('contactPhone'),
      // Masked; the admin in scope, the leader and the 专班 may show it whole (audited).
      children: (
        <MaskedPhone
          masked={p.contactPhone}
          allowed={canViewPhone}
          fetchPlain={() => fetchProjectContactPhone(p.id)}
        />
      ),
    },
    {
      key: 'content',
      label: L('content'),
      span: 'filled' as const,
      children: (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
          {text(p.content)}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'notes',
      label: L('notes'),
      span: 'filled' as const,
      children: (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
          {text(p.notes)}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'updated',
      label: t('project.updated'),
      span: 'filled' as const,
      children: `${p.updatedByName ? t('project.updatedBy', { name: p.updatedByName, at: showInstant(p.updatedAt) }) : showInstant(p.updatedAt)} · ${t('project.version')} ${p.version}`,
    },
  ];
}

export function ProjectDetailPage() {
  const { t, language } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const { modal, message } = App.useApp();
  const id = Number(useParams().id);
  const query = useProject(Number.isInteger(id) && id > 0 ? id : null);
  const archive = useArchiveProject(id);

  if (!Number.isInteger(id) || id <= 0) return <ResultPage status="404" />;
  if (query.error) return <ResultPage error={query.error} />;
  const p = query.data;
  if (!p) return <Spin style={{ display: 'block', margin: 48 }} />;

  const toggleArchive = () => {
    modal.confirm({
      title: p.archived ? t('project.restore') : t('project.archive'),
      content: p.archived ? t('project.restoreConfirm') : t('project.archiveConfirm'),
      onOk: () =>
        archive.mutateAsync({ version: p.version, archived: !p.archived }).then(
          () => void message.success(t('common.saved')),
          (e: unknown) => void message.error(errorMessage(e, t)),
        ),
    });
  };

  const yearColumns = [
    { key: 'year', title: t('project.year'), dataIndex: 'year' },
    {
      key: 'level',
      title: t('project.level'),
      dataIndex: 'level',
      render: (v: ProjectYear['level']) => t(`level.${v}`),
    },
    {
      key: 'category',
      title: t('project.category'),
      dataIndex: 'category',
      render: (v: ProjectYear['category']) => t(`category.${v}`),
    },
    {
      key: 'annualPlan',
      title: t('project.annualPlanWan'),
      dataIndex: 'annualPlan',
      align: 'right' as const,
      render: (v: number) => formatWan(v),
    },
    {
      key: 'reportedYtd',
      title: `${projectFieldLabel('reportedYtd', language)}（${t('common.wan')}）`,
      dataIndex: 'reportedYtd',
      align: 'right' as const,
      render: (v: number | null | undefined) => (v == null ? '—' : formatWan(v)),
    },
    {
      key: 'reportedAsOf',
      title: projectFieldLabel('reportedAsOf', language),
      dataIndex: 'reportedAsOf',
      render: (v: string | null | undefined) => showDate(v ?? null),
    },
    {
      key: 'reportedProgress',
      title: projectFieldLabel('reportedProgress', language),
      dataIndex: 'reportedProgress',
      render: (v: string | null | undefined) => text(v),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={8} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
        <Typography.Title level={4} style={{ margin: 0, flex: 1, minWidth: 200 }}>
          {p.name}
        </Typography.Title>
        <Space wrap>
          <Button icon={<ScheduleOutlined />} onClick={() => void navigate(`/projects/${p.id}/schedule`)}>
            {t('project.scheduleLink')}
          </Button>
          {canEditProject(user, p) && (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => void navigate(`/projects/${p.id}/edit`)}
            >
              {t('common.edit')}
            </Button>
          )}
          {canArchiveProject(user) && (
            <Button
              icon={p.archived ? <UndoOutlined /> : <InboxOutlined />}
              onClick={toggleArchive}
              loading={archive.isPending}
            >
              {p.archived ? t('project.restore') : t('project.archive')}
            </Button>
          )}
        </Space>
      </Flex>
      {p.archived && <Alert type="warning" showIcon title={t('project.archivedBanner')} />}
      {!canEditProject(user, p) && <Alert type="info" showIcon title={t('project.readOnly')} />}
      <Card>
        <Descriptions
          bordered
          size="small"
          styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
          column={mobile ? 1 : { md: 2, lg: 2, xl: 3, xxl: 3 }}
          items={fields(t, language, p, canEditProject(user, p))}
        />
      </Card>
      <Card title={t('project.years')} size="small">
        <Table<ProjectYear>
          rowKey="year"
          size="small"
          pagination={false}
          columns={yearColumns}
          dataSource={[...p.years].sort((a, b) => b.year - a.year)}
        />
      </Card>
      <ProjectAttachmentsCard projectId={p.id} canUpload={canEditProject(user, p)} />
    </Flex>
  );
}
