import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App as AntApp, Button, Card, Cascader, Flex, Select, Typography } from 'antd';
import type { DivisionItem } from '@guatu/contracts';
import { errorMessage } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { fetchDivisions, useSetUp } from './setup-queries.ts';

type Option = {
  value: string;
  label: string;
  isLeaf: boolean;
  item: DivisionItem;
  children?: Option[];
};

const toOption = (d: DivisionItem): Option => ({
  value: d.code,
  label: d.name,
  isLeaf: d.level === 'county' || d.children === 0,
  item: d,
});

const fullName = (d: DivisionItem) => [...d.parentNames, d.name].join(' ');

/**
 * 初始化：选择本级行政区 — the first admin chooses the province, city or county the system serves
 * (a cascader loading each level on demand, or a search by name or code), sees what will be created
 * and confirms; the region tree is then created from the official divisions and the ledger opens.
 */
export function SetupPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const setUp = useSetUp();
  const [options, setOptions] = useState<Option[]>([]);
  const [path, setPath] = useState<string[]>([]);
  const [chosen, setChosen] = useState<DivisionItem | null>(null);
  const [found, setFound] = useState<DivisionItem[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const searchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    fetchDivisions({})
      .then((items) => setOptions(items.map(toOption)))
      .catch(setLoadError);
  }, []);

  const loadData = (selected: Option[]) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    fetchDivisions({ parent: target.value })
      .then((items) => {
        target.children = items.map(toOption);
        setOptions((o) => [...o]);
      })
      .catch(setLoadError);
  };

  const search = (q: string) => {
    if (searchTimer.current) clearTimeout(searchTimer.current);
    if (!q.trim()) return setFound([]);
    searchTimer.current = setTimeout(() => {
      fetchDivisions({ q: q.trim() }).then(setFound).catch(setLoadError);
    }, 250);
  };

  const pickFromSearch = (code: string) => {
    const d = found.find((x) => x.code === code) ?? null;
    setChosen(d);
    setPath([]);
  };

  const preview = (d: DivisionItem) =>
    d.level === 'county'
      ? t('setup.preview', { name: d.name, code: d.code, towns: d.towns })
      : d.level === 'city'
        ? t('setup.previewCity', { name: d.name, code: d.code, counties: d.children, towns: d.towns })
        : t('setup.previewProvince', { name: d.name, code: d.code, cities: d.children, towns: d.towns });

  const confirm = () => {
    if (!chosen) return;
    setUp.mutate(chosen.code, {
      onSuccess: (r) => {
        const c = r.created;
        void message.success(
          t('setup.done', { name: r.division.name, count: c.province + c.city + c.county + c.town }),
        );
        void navigate('/projects', { replace: true });
      },
    });
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('setup.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('setup.intro')}
      </Typography.Paragraph>
      {loadError !== null && <Alert type="error" showIcon title={errorMessage(loadError, t)} />}
      <Card size="small">
        <Flex vertical gap={12}>
          <Cascader<Option>
            aria-label={t('setup.cascader')}
            placeholder={t('setup.cascader')}
            options={options}
            loadData={loadData}
            changeOnSelect
            value={path}
            onChange={(value, selected) => {
              setPath((value ?? []) as string[]);
              const last = selected?.[selected.length - 1];
              setChosen(last ? last.item : null);
            }}
            style={{ width: '100%' }}
          />
          <Select
            showSearch={{ filterOption: false, onSearch: search }}
            aria-label={t('setup.search')}
            placeholder={t('setup.search')}
            value={null}
            onChange={(code: string) => pickFromSearch(code)}
            options={found.map((d) => ({ value: d.code, label: `${fullName(d)} ${d.code}` }))}
            style={{ width: '100%' }}
          />
          {chosen && (
            <Alert
              type="info"
              title={<span data-testid="setup-preview">{preview(chosen)}</span>}
              description={fullName(chosen)}
            />
          )}
          {setUp.error && <Alert type="error" showIcon title={errorMessage(setUp.error, t)} />}
          <Flex justify="end">
            <Button type="primary" disabled={!chosen} loading={setUp.isPending} onClick={confirm}>
              {t('setup.confirm')}
            </Button>
          </Flex>
        </Flex>
      </Card>
    </Flex>
  );
}
