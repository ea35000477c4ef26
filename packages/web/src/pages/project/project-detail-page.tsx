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
import { useT, type Translate } from '../../i18n/index.tsx';
import { canArchiveProject, canEditProject } from '../../permissions.ts';
import { useUser } from '../../session.tsx';
import { ProjectAttachmentsCard } from './project-attachments-card.tsx';

const text = (v: string | null | undefined) => (v ? v : '—');

function money(t: Translate, yuan: number) {
  const wan = `${formatWan(yuan)} ${t('common.wan')}`;
  return yuan >= 100_000_000 ? `${wan}（${formatYi(yuan)} ${t('common.yi')}）` : wan;
}

function fields(t: Translate, p: Project, canViewPhone: boolean) {
  const latest = [...p.years].sort((a, b) => b.year - a.year)[0];
  return [
    { key: 'name', label: t('project.name'), children: p.name, span: 'filled' as const },
    { key: 'code', label: t('project.code'), children: text(p.code) },
    { key: 'level', label: t('project.level'), children: latest ? t(`level.${latest.level}`) : '—' },
    {
      key: 'category',
      label: t('project.category'),
      children: latest ? t(`category.${latest.category}`) : '—',
    },
    { key: 'nature', label: t('project.nature'), children: t(`nature.${p.nature}`) },
    { key: 'industry', label: t('project.industry'), children: text(p.industry) },
    { key: 'ownerUnit', label: t('project.ownerUnit'), children: text(p.ownerUnit) },
    { key: 'region', label: t('project.region'), children: p.regionName },
    { key: 'address', label: t('project.address'), children: text(p.address) },
    {
      key: 'coords',
      label: `${t('project.longitude')} / ${t('project.latitude')}`,
      children: p.longitude !== null && p.latitude !== null ? `${p.longitude}, ${p.latitude}` : '—',
    },
    { key: 'totalInvestment', label: t('project.totalInvestment'), children: money(t, p.totalInvestment) },
    {
      key: 'annualPlan',
      label: t('project.annualPlan'),
      children: latest ? money(t, latest.annualPlan) : '—',
    },
    { key: 'plannedStart', label: t('project.plannedStart'), children: showDate(p.plannedStart) },
    { key: 'plannedFinish', label: t('project.plannedFinish'), children: showDate(p.plannedFinish) },
    {
      key: 'actualStart',
      label: t('project.actualStart'),
      children: p.started ? (
        <Tag color="green">{p.actualStart ?? t('ledger.started.yes')}</Tag>
      ) : (
        <Tag>{t('project.notStarted')}</Tag>
      ),
    },
    {
      key: 'stats',
      label: t('project.statsIncluded'),
      children: p.statsIncluded
        ? `${t('common.yes')} ${p.statsCode ?? ''} ${p.statsDate ?? ''}`.trim()
        : t('common.no'),
    },
    { key: 'leader', label: t('project.leader'), children: text(p.leaderName) },
    {
      key: 'taskForce',
      label: t('project.taskForce'),
      children: p.taskForce.length ? p.taskForce.map((m) => <Tag key={m.id}>{m.name}</Tag>) : '—',
    },
    { key: 'department', label: t('project.department'), children: text(p.departmentName) },
    { key: 'contact', label: t('project.contactName'), children: text(p.contactName) },
    {
      key: 'phone',
      label: t('project.contactPhone'),
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
      label: t('project.content'),
      span: 'filled' as const,
      children: (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
          {text(p.content)}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'notes',
      label: t('project.notes'),
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
  const t = useT();
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
          items={fields(t, p, canEditProject(user, p))}
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
