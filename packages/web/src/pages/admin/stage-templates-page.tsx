import { useMemo, useState } from 'react';
import { Alert, App, Card, Flex, Input, Select, Table, Typography } from 'antd';
import type { StageDefDto } from '@guatu/contracts';
import { errorMessage } from '../../api/client.ts';
import {
  templateList,
  useDeleteStageTemplateOverride,
  useUpdateStageTemplate,
} from '../../api/admin-schedule-queries.ts';
import { useLookups } from '../../api/queries.ts';
import { useStageTemplates } from '../../api/schedule-queries.ts';
import { stageDisplayName } from '@guatu/domain/schedule/stage-templates';
import { useI18n } from '../../i18n/index.tsx';
import { useIsMobile } from '../../components/use-mobile.ts';
import { RestoreInheritanceButton, SettingSourceTag } from './setting-source.tsx';
import { StageTemplateAddModal } from './stage-template-add-modal.tsx';
import { phoneStageColumns, stageColumns } from './stage-template-columns.tsx';
import { StageTemplateDepsModal } from './stage-template-deps-modal.tsx';
import {
  addStage,
  moveStage,
  patchStage,
  removeStage,
  setDepartment,
  type Draft,
  type TemplateKey,
} from './stage-template-draft.ts';
import { StageTemplateSaveBar } from './stage-template-save-bar.tsx';

/**
 * 系统管理 › 工序模板: edit a template's stages, durations, predecessors and order. The parts: the
 * draft's operations (stage-template-draft.ts), the columns, the add-stage form, the save bar and
 * the predecessors dialog; 预警规则 has its own page (warning-rules-page.tsx).
 */
const collator = new Intl.Collator('zh-Hans-CN');

export function StageTemplatesPage() {
  const { t, language } = useI18n();
  const mobile = useIsMobile();
  const { message, modal } = App.useApp();
  const templates = useStageTemplates();
  const save = useUpdateStageTemplate();
  const restore = useDeleteStageTemplateOverride();
  const list = templateList(templates.data);
  const [selected, setSelected] = useState<TemplateKey>('industrial');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [depsOf, setDepsOf] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const template = list.find((x) => x.key === selected) ?? list[0];
  const dirty =
    !!template && draft !== null && draft.key === template.key && draft.version === template.version;
  const current: Draft | null = dirty
    ? draft
    : template
      ? {
          key: template.key,
          version: template.version,
          name: template.name,
          stages: template.stages,
          departments: template.departments,
        }
      : null;
  const stages = current?.stages ?? [];
  // predecessors are named as the stage table names them (a default stage in English in en-US)
  const names = useMemo(
    () => new Map(stages.map((s) => [s.key, stageDisplayName(s, language)])),
    [stages, language],
  );
  // The departments a stage may be put in charge of: those the user's scope knows, by name.
  const lookups = useLookups();
  const departmentNames = useMemo(
    () => [...new Set((lookups.data?.departments ?? []).map((d) => d.name))].sort(collator.compare),
    [lookups.data],
  );

  const change = (f: (d: Draft) => Draft) => {
    if (current) setDraft(f(current));
  };
  const confirmRemove = (s: StageDefDto) =>
    modal.confirm({
      title: t('stageTemplate.remove'),
      content: t('stageTemplate.removeConfirm', { stage: s.name }),
      okButtonProps: { danger: true },
      onOk: () => change((d) => removeStage(d, s.key)),
    });

  const switchTo = (key: TemplateKey) => {
    const go = () => {
      save.reset();
      setDraft(null);
      setSelected(key);
    };
    if (dirty)
      modal.confirm({
        title: t('stageTemplate.discardTitle'),
        content: t('stageTemplate.discard'),
        onOk: go,
      });
    else go();
  };
  const reload = () => {
    save.reset();
    setDraft(null);
    void templates.refetch();
  };
  const submit = () => {
    if (!current) return;
    const empty = current.stages.find((s) => !s.name.trim());
    if (empty) {
      void message.error(t('stageTemplate.nameRequired', { key: empty.key }));
      return;
    }
    save.mutate(
      {
        key: current.key,
        body: {
          name: current.name.trim() || undefined,
          stages: current.stages.map((s) => ({ ...s, name: s.name.trim() })),
          departments: current.departments,
          version: current.version,
        },
      },
      {
        onSuccess: () => {
          setDraft(null);
          void message.success(t('common.saved'));
        },
      },
    );
  };

  const actions = {
    t,
    stages,
    names,
    onPatch: (key: string, patch: Partial<StageDefDto>) => change((d) => patchStage(d, key, patch)),
    onMove: (index: number, by: -1 | 1) => change((d) => moveStage(d, index, by)),
    onRemove: confirmRemove,
    onEditDeps: setDepsOf,
    departments: current?.departments ?? {},
    departmentNames,
    onDepartment: (key: string, name: string | null) => change((d) => setDepartment(d, key, name)),
  };
  const editingDeps = stages.find((s) => s.key === depsOf) ?? null;

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('admin.stageTemplates')}
      </Typography.Title>
      {templates.error && <Alert type="error" showIcon title={errorMessage(templates.error, t)} />}
      <Typography.Text type="secondary">{t('stageTemplate.hint')}</Typography.Text>
      {template && template.canEdit && !template.own && (
        <Typography.Text type="secondary">
          {t('settings.ownCopyHint', { region: template.regionName })}
        </Typography.Text>
      )}

      <Card size="small" loading={templates.isLoading}>
        <Flex vertical gap={12}>
          <Flex gap={12} wrap align="center">
            <Select<TemplateKey>
              value={template?.key ?? selected}
              style={{ width: mobile ? '100%' : 200 }}
              aria-label={t('schedule.template')}
              options={list.map((x) => ({ value: x.key, label: t(`schedule.templates.${x.key}`) }))}
              onChange={switchTo}
            />
            <Input
              value={current?.name ?? ''}
              maxLength={50}
              style={{ width: mobile ? '100%' : 220 }}
              aria-label={t('stageTemplate.templateName')}
              placeholder={t('stageTemplate.templateName')}
              onChange={(e) => change((d) => ({ ...d, name: e.target.value }))}
            />
            {template && <SettingSourceTag source={template} />}
            <Typography.Text type="secondary">
              {t('stageTemplate.count', {
                n: stages.length,
                days: stages.reduce((a, s) => a + s.duration, 0),
              })}
            </Typography.Text>
          </Flex>

          <Table<StageDefDto>
            rowKey="key"
            size="small"
            columns={mobile ? phoneStageColumns(actions) : stageColumns(actions)}
            dataSource={stages}
            pagination={false}
            scroll={mobile ? undefined : { x: 'max-content' }}
          />

          <StageTemplateSaveBar
            stages={stages}
            error={save.error}
            dirty={dirty}
            canAdd={!!current && stages.length < 60}
            canSave={!!template?.canEdit}
            saving={save.isPending}
            onAdd={() => setAdding(true)}
            onRevert={() => setDraft(null)}
            onReload={reload}
            onSave={submit}
            restore={
              template && (
                <RestoreInheritanceButton
                  source={template}
                  what="template"
                  pending={restore.isPending}
                  onConfirm={() =>
                    restore.mutate(template.key, {
                      onSuccess: () => {
                        setDraft(null);
                        void message.success(t('settings.restored'));
                      },
                      onError: (err) => void message.error(errorMessage(err, t)),
                    })
                  }
                />
              )
            }
          />
        </Flex>
      </Card>

      <StageTemplateDepsModal
        stage={editingDeps}
        stages={stages}
        onClose={() => setDepsOf(null)}
        onSave={(deps) => {
          if (depsOf) change((d) => patchStage(d, depsOf, { deps }));
          setDepsOf(null);
        }}
      />
      <StageTemplateAddModal
        open={adding}
        stages={stages}
        onAdd={(v) => {
          change((d) => addStage(d, v));
          setAdding(false);
        }}
        onClose={() => setAdding(false)}
      />
    </Flex>
  );
}
