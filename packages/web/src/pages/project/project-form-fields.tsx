import { Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { Lookups } from '@guatu/contracts';
import { projectFieldLabel, type ProjectFieldKey } from '@guatu/domain/project-fields';
import { useI18n } from '../../i18n/index.tsx';
import { PersonSelect } from '../people/person-select.tsx';
import {
  categoryOptions,
  industryOptions,
  levelOptions,
  namedOptions,
  natureOptions,
  regionOptions,
} from '../../vocabulary-options.ts';

const half = { xs: 24, md: 12 };
const third = { xs: 24, md: 8 };
const search = { optionFilterProp: 'label' } as const;

/** The project form's items; responsibility fields are read-only unless the user is an admin. */
export function ProjectFormFields({
  lookups,
  canAssign,
  year,
  shownPhone = null,
}: {
  lookups: Lookups | undefined;
  canAssign: boolean;
  year: number;
  /** The contact phone as the API showed it (masked) when editing. */
  shownPhone?: string | null;
}) {
  const { t, language } = useI18n();
  // Field labels from the project field catalogue; money fields are entered in 万元.
  const L = (key: ProjectFieldKey) => projectFieldLabel(key, language) ?? key;
  const wanLabel = (key: ProjectFieldKey) =>
    language === 'zh-CN' ? `${L(key)}（${t('common.wan')}）` : `${L(key)} (${t('common.wan')})`;
  const required = (field: string) => ({ required: true, message: t('form.required', { field }) });
  const moneyRule = {
    validator: async (_: unknown, v: number | null | undefined) => {
      if (v === null || v === undefined) return;
      if (v < 0 || Math.round(v * 100) !== Number((v * 100).toFixed(6))) throw new Error(t('form.moneyRule'));
    },
  };
  const wan = <InputNumber<number> min={0} precision={2} step={100} style={{ width: '100%' }} />;
  const date = <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />;

  return (
    <>
      <Card title={t('form.basic')} size="small">
        <Row gutter={16}>
          <Col xs={24}>
            <Form.Item
              name="name"
              label={L('name')}
              rules={[required(L('name')), { max: 200, message: t('form.nameMax') }]}
            >
              <Input maxLength={200} showCount />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="code"
              label={L('code')}
              rules={[{ pattern: /^[0-9A-Za-z-]{24}$/, message: t('form.codeRule') }]}
              extra={t('form.codeRule')}
            >
              <Input maxLength={24} allowClear />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="nature" label={L('nature')} rules={[required(L('nature'))]}>
              <Select options={natureOptions(t)} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="industry" label={L('industry')}>
              <Select options={industryOptions(lookups)} allowClear showSearch={search} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="ownerUnit" label={L('ownerUnit')} rules={[{ max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="regionId" label={L('regionId')} rules={[required(L('regionId'))]}>
              <Select options={regionOptions(lookups?.regions)} showSearch={search} disabled={!canAssign} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="address" label={L('address')} rules={[{ max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="longitude" label={L('longitude')}>
              <InputNumber<number> min={-180} max={180} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="latitude" label={L('latitude')}>
              <InputNumber<number> min={-90} max={90} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="content" label={L('content')} rules={[{ max: 4000 }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('form.investment')} size="small">
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              name="totalInvestmentWan"
              label={wanLabel('totalInvestment')}
              rules={[required(L('totalInvestment')), moneyRule]}
            >
              {wan}
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="year" label={t('project.year')} hidden>
              <InputNumber />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col {...third}>
            <Form.Item
              name="level"
              label={`${t('form.yearSection', { year })} · ${L('level')}`}
              rules={[required(L('level'))]}
            >
              <Select options={levelOptions(t)} disabled={!canAssign} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="category" label={L('category')} rules={[required(L('category'))]}>
              <Select options={categoryOptions(t)} disabled={!canAssign} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item
              name="annualPlanWan"
              label={wanLabel('annualPlan')}
              rules={[required(L('annualPlan')), moneyRule]}
            >
              <InputNumber<number>
                min={0}
                precision={2}
                step={100}
                style={{ width: '100%' }}
                disabled={!canAssign}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('form.schedule')} size="small">
        <Row gutter={16}>
          <Col {...third}>
            <Form.Item name="plannedStart" label={L('plannedStart')}>
              {date}
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="plannedFinish" label={L('plannedFinish')}>
              {date}
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="actualStart" label={L('actualStart')}>
              {date}
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item
              name="startedUndated"
              label={L('startedUndated')}
              valuePropName="checked"
              extra={t('catalogue.startedUndatedHelp')}
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="statsIncluded" label={L('statsIncluded')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="statsCode" label={L('statsCode')} rules={[{ max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="statsDate" label={L('statsDate')}>
              {date}
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('form.responsibility')} size="small">
        <Row gutter={16}>
          <Col {...third}>
            <Form.Item name="leaderId" label={L('leaderId')}>
              {/* Leaders and task-force members are people (not accounts), searched by name. */}
              <PersonSelect known={lookups?.taskForceUsers} disabled={!canAssign} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="taskForceIds" label={L('taskForceIds')}>
              <PersonSelect multiple known={lookups?.taskForceUsers} disabled={!canAssign} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="departmentId" label={L('departmentId')}>
              <Select
                options={namedOptions(lookups?.departments)}
                allowClear
                showSearch={search}
                disabled={!canAssign}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('form.other')} size="small">
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="contactName" label={L('contactName')} rules={[{ max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col {...half}>
            {/* Prefilled masked: left as it is, it is not sent (and the server keeps the number
                for a masked value sent back); any other value with * would store stars. */}
            <Form.Item
              name="contactPhone"
              label={L('contactPhone')}
              extra={shownPhone?.includes('*') ? t('personal.maskedHelp') : undefined}
              rules={[
                { max: 50 },
                {
                  validator: async (_: unknown, v: string | null | undefined) => {
                    if (v && v.includes('*') && v !== shownPhone)
                      throw new Error(t('personal.maskedInvalid'));
                  },
                },
              ]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="notes" label={L('notes')} rules={[{ max: 4000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
    </>
  );
}
