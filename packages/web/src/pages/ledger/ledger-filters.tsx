import { useEffect, useState } from 'react';
import { Badge, Button, Flex, Input, Select } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import type { Lookups } from '@guatu/contracts';
import { useT } from '../../i18n/index.tsx';
import {
  categoryOptions,
  industryOptions,
  levelOptions,
  namedOptions,
  regionOptions,
  type Option,
} from '../../vocabulary-options.ts';
import type { FilterKey, LedgerParams } from './use-ledger-params.ts';
import { keepMounted } from '../../shell/style-keeper.tsx';

type Props = {
  params: LedgerParams;
  lookups: Lookups | undefined;
  onChange: (changes: Partial<Record<FilterKey, string | null>>) => void;
  onReset: () => void;
  mobile: boolean;
};

export function LedgerFilters({ params, lookups, onChange, onReset, mobile }: Props) {
  const t = useT();
  const f = params.filters;
  const [q, setQ] = useState(f.q ?? '');
  const [expanded, setExpanded] = useState(false);
  const active = Object.keys(f).filter((k) => k !== 'q').length;
  useEffect(() => setQ(f.q ?? ''), [f.q]);
  // the shell keeps one select and one search box mounted: their styles stay when this bar goes
  // (the ledger's) and comes again (the war chart's), instead of being made and inserted again
  useEffect(
    () =>
      keepMounted(
        <>
          <Select aria-hidden tabIndex={-1} />
          <Input.Search aria-hidden tabIndex={-1} />
        </>,
      ),
    [],
  );

  const width = mobile ? 'calc(50% - 4px)' : 140;
  const select = (key: FilterKey, placeholder: string, options: Option[], w: number | string = width) => (
    <Select
      aria-label={placeholder}
      placeholder={placeholder}
      allowClear
      showSearch={options.length > 8 ? { optionFilterProp: 'label' } : false}
      style={{ width: w }}
      value={
        f[key] === undefined ? undefined : (options.find((o) => String(o.value) === f[key])?.value ?? f[key])
      }
      options={options}
      onChange={(v: string | number | undefined) => onChange({ [key]: v === undefined ? null : String(v) })}
      popupMatchSelectWidth={false}
    />
  );

  const searchBox = (
    <Input.Search
      aria-label={t('common.search')}
      placeholder={t('ledger.filter.q')}
      allowClear
      value={q}
      onChange={(e) => setQ(e.target.value)}
      onSearch={(v) => onChange({ q: v.trim() || null })}
      style={{ width: mobile ? undefined : 260, flex: mobile ? 1 : undefined }}
      enterButton={t('common.search')}
    />
  );
  // On a phone the selects fold behind one button so the list starts on the first screen.
  const toggle = mobile && (
    <Badge count={active} size="small">
      <Button
        icon={<FilterOutlined />}
        onClick={() => setExpanded((x) => !x)}
        aria-expanded={expanded}
        aria-label="filters"
      />
    </Badge>
  );
  if (mobile && !expanded) {
    return (
      <Flex gap={8} style={{ marginBottom: 12 }}>
        {searchBox}
        {toggle}
      </Flex>
    );
  }

  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }} align="center">
      {mobile && (
        <Flex gap={8} style={{ width: '100%' }}>
          {searchBox}
          {toggle}
        </Flex>
      )}
      {select('level', t('ledger.filter.level'), levelOptions(t))}
      {select('category', t('ledger.filter.category'), categoryOptions(t))}
      {select('started', t('ledger.filter.started'), [
        { value: 'yes', label: t('ledger.started.yes') },
        { value: 'no', label: t('ledger.started.no') },
      ])}
      {select('regionId', t('ledger.filter.region'), regionOptions(lookups?.regions))}
      {select('leaderId', t('ledger.filter.leader'), namedOptions(lookups?.leaders))}
      {select(
        'departmentId',
        t('ledger.filter.department'),
        namedOptions(lookups?.departments),
        mobile ? width : 180,
      )}
      {select('industry', t('ledger.filter.industry'), industryOptions(lookups))}
      {!mobile && searchBox}
      <label className="ledger-check">
        <input
          type="checkbox"
          checked={f.archived === 'all'}
          onChange={(e) => onChange({ archived: e.target.checked ? 'all' : null })}
        />
        {t('ledger.filter.archived')}
      </label>
      <Button onClick={onReset}>{t('common.reset')}</Button>
    </Flex>
  );
}
