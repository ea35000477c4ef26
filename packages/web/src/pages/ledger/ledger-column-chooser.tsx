import { Button, Flex, Popover } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/index.tsx';

type Props = {
  /** The columns a user may hide: key and title, in table order. */
  columns: { key: string; title: string }[];
  hidden: string[];
  onChange: (hidden: string[]) => void;
};

/** 列设置: a checkbox per column; the choice is kept per user (ledger-columns.ts). */
export function LedgerColumnChooser({ columns, hidden, onChange }: Props) {
  const t = useT();
  const shown = columns.filter((c) => !hidden.includes(c.key)).map((c) => c.key);
  const content = (
    <Flex vertical gap={8}>
      <Flex vertical gap={4}>
        {columns.map((c) => (
          <label key={c.key} className="ledger-check">
            <input
              type="checkbox"
              checked={shown.includes(c.key)}
              onChange={(e) =>
                onChange(e.target.checked ? hidden.filter((k) => k !== c.key) : [...hidden, c.key])
              }
            />
            {c.title}
          </label>
        ))}
      </Flex>
      <Button size="small" disabled={hidden.length === 0} onClick={() => onChange([])}>
        {t('newcomer.ledger.columnsReset')}
      </Button>
    </Flex>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />}>{t('newcomer.ledger.columns')}</Button>
    </Popover>
  );
}
