import { TableOutlined } from '@ant-design/icons';
import { Button, Drawer, Empty, Flex, List, Typography } from 'antd';
import type { DispatchTableRow } from '@guatu/contracts';
import { Link } from 'react-router';
import { useIsMobile } from '../../components/use-mobile.ts';
import { formatWan } from '../../format.ts';
import { useT } from '../../i18n/index.tsx';
import { PaceRate, ReviewStatusTag } from './review-table-columns.tsx';

/**
 * The projects behind a figure of 调度分析: each links to its project page; 在调度表中查看 opens the
 * round's table filtered to exactly them.
 */
export function FiguresProjectsDrawer(props: {
  roundId: number;
  title: string | null;
  rows: DispatchTableRow[];
  onClose: () => void;
}) {
  const t = useT();
  const mobile = useIsMobile();
  const ids = props.rows.map((r) => r.projectId).join(',');
  return (
    <Drawer
      open={props.title !== null}
      onClose={props.onClose}
      size={mobile ? '100%' : 560}
      title={props.title}
      extra={
        props.rows.length > 0 ? (
          <Link to={`/dispatch/rounds/${props.roundId}?ids=${ids}`}>
            <Button size="small" icon={<TableOutlined />}>
              {t('dispatchReview.figures.inTable')}
            </Button>
          </Link>
        ) : null
      }
    >
      {props.rows.length === 0 ? (
        <Empty description={t('dispatchReview.figures.noProjects')} />
      ) : (
        <List
          size="small"
          dataSource={props.rows}
          data-testid="figure-projects"
          renderItem={(r) => (
            <List.Item key={r.projectId}>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8} align="start">
                  <Link to={`/projects/${r.projectId}`}>{r.name}</Link>
                  <ReviewStatusTag row={r} />
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t('dispatchReview.figures.projectLine', {
                    plan: formatWan(r.annualPlan),
                    ytd: formatWan(r.completedYtd),
                  })}{' '}
                  <PaceRate rate={r.completionRate} warning={r.paceWarning} />
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}
