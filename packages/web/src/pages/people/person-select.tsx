import { useState } from 'react';
import { Select } from 'antd';
import { usePeople } from '../../api/people-queries.ts';
import { useT } from '../../i18n/index.tsx';

type Option = { value: number; label: string };

/**
 * A person picked by name (GET /api/people?q=…): leaders and task-force members are people, not
 * accounts. `known` names the people already chosen (the project's leader and task force), so the
 * field shows their names before any search.
 */
export function PersonSelect({
  value,
  onChange,
  multiple = false,
  known = [],
  disabled,
  allowClear = true,
  id,
}: {
  value?: number | number[] | null;
  onChange?: (v: number | number[] | null) => void;
  multiple?: boolean;
  known?: ReadonlyArray<{ id: number; name: string }> | undefined;
  disabled?: boolean;
  allowClear?: boolean;
  id?: string;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const people = usePeople({ q: q || undefined, pageSize: 50 }, !disabled);
  const chosen = new Set(value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]);
  const seen = new Map<number, Option>();
  for (const k of known ?? []) if (chosen.has(k.id)) seen.set(k.id, { value: k.id, label: k.name });
  for (const p of people.data?.items ?? [])
    seen.set(p.id, {
      value: p.id,
      label: [p.name, p.title, p.unit].filter(Boolean).join(' · '),
    });
  return (
    <Select<number | number[] | null>
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? (multiple ? [] : null)}
      onChange={(v) => onChange?.(v ?? null)}
      options={[...seen.values()]}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('people.pick')}
      loading={people.isFetching}
      disabled={disabled}
      allowClear={allowClear}
      onBlur={() => setQ('')}
    />
  );
}
