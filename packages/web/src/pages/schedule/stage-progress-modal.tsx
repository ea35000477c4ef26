import { useState } from 'react';
import { Alert, DatePicker, Flex, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ScheduledStageDto } from '@guatu/contracts';
import { errorMessage } from '../../api/client.ts';
import type { StageProgress } from '../../api/schedule-queries.ts';
import { stageDisplayName } from '@guatu/domain/schedule/stage-templates';
import { useI18n, type Translate } from '../../i18n/index.tsx';

type Props = {
  t: Translate;
  stage: ScheduledStageDto;
  today: string;
  version: number;
  saving: boolean;
  onSave: (body: StageProgress) => Promise<unknown>;
  onClose: () => void;
};

const toDay = (s: string | null) => (s ? dayjs(s) : null);
const toIso = (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null);

/** 填报: the actual start and finish of one stage, and a note. */
export function StageProgressModal({ t, stage, today, version, saving, onSave, onClose }: Props) {
  const { language } = useI18n();
  const [start, setStart] = useState<Dayjs | null>(toDay(stage.actualStart));
  const [finish, setFinish] = useState<Dayjs | null>(toDay(stage.actualFinish));
  const [note, setNote] = useState(stage.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const max = dayjs(today);

  const save = () => {
    setError(null);
    let s = toIso(start);
    const f = toIso(finish);
    // a finish without a start: the stage started when it was planned to, or on its finish day
    if (f && !s) s = stage.forecastStart && stage.forecastStart <= f ? stage.forecastStart : f;
    if (f && s && f < s) {
      setError(t('schedule.finishBeforeStart'));
      return;
    }
    const body: StageProgress = { version };
    if (s !== stage.actualStart) body.actualStart = s;
    if (f !== stage.actualFinish) body.actualFinish = f;
    const n = note.trim() || null;
    if (n !== (stage.note ?? null)) body.note = n;
    onSave(body).then(onClose, (e: unknown) => setError(errorMessage(e, t)));
  };

  return (
    <Modal
      open
      title={t('schedule.recordTitle', { stage: stageDisplayName(stage, language) })}
      onCancel={onClose}
      onOk={save}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          <div>
            {t('schedule.planned')}：{stage.latestStart ?? '—'} ~ {stage.latestFinish ?? '—'}
          </div>
          <div>
            {t('schedule.forecast')}：{stage.forecastStart ?? '—'} ~ {stage.forecastFinish ?? '—'}
          </div>
        </Typography.Text>
        <label>
          <div>{t('schedule.actualStart')}</div>
          <DatePicker
            aria-label={t('schedule.actualStart')}
            value={start}
            onChange={(d) => setStart(d)}
            disabledDate={(d) => d.isAfter(max, 'day')}
            style={{ width: '100%' }}
          />
        </label>
        <label>
          <div>{t('schedule.actualFinish')}</div>
          <DatePicker
            aria-label={t('schedule.actualFinish')}
            value={finish}
            onChange={(d) => setFinish(d)}
            disabledDate={(d) => d.isAfter(max, 'day')}
            style={{ width: '100%' }}
          />
        </label>
        <label>
          <div>{t('schedule.note')}</div>
          <Input.TextArea
            aria-label={t('schedule.note')}
            value={note}
            maxLength={1000}
            rows={3}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        {error && <Alert type="error" showIcon title={error} />}
      </Flex>
    </Modal>
  );
}
