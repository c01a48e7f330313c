import { Badge, Button, Code, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import type { AuditEntry } from '../../api/types';
import { formatDateTime } from '../../i18n/dates';
import { isMessageKey, useT } from '../../i18n/I18nProvider';

function pretty(json: string | null): string | null {
  if (json === null) return null;
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

/** One audit entry; "Xem" opens its before/after snapshots side by side. */
export function AuditRow({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const actionKey = `action.${entry.action}`;
  const entityKey = `entity.${entry.entity}`;
  const hasDetails = entry.before !== null || entry.after !== null;
  const detailsId = `audit-details-${entry.seq}`;

  return (
    <>
      <Table.Tr>
        <Table.Td c="dimmed">{entry.seq}</Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</Table.Td>
        <Table.Td ff="monospace">{entry.actorName}</Table.Td>
        <Table.Td>
          <Text size="sm" title={entry.action}>
            {isMessageKey(actionKey) ? t(actionKey) : entry.action}
          </Text>
        </Table.Td>
        <Table.Td>
          <Badge variant="light" color="gray" tt="none">
            {isMessageKey(entityKey) ? t(entityKey) : entry.entity}
          </Badge>
        </Table.Td>
        <Table.Td ff="monospace">{entry.entityId ?? t('common.none')}</Table.Td>
        <Table.Td>
          {hasDetails && (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={open ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
              aria-expanded={open}
              aria-controls={detailsId}
              onClick={() => setOpen((o) => !o)}
            >
              {open ? t('audit.hide') : t('audit.show')}
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={7} bg="gray.0">
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Snapshot title={t('audit.before')} json={pretty(entry.before)} />
              <Snapshot title={t('audit.after')} json={pretty(entry.after)} />
            </SimpleGrid>
            <Text size="xs" c="dimmed" mt="xs" ff="monospace">
              {t('audit.hash')}: {entry.hash}
            </Text>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function Snapshot({ title, json }: { title: string; json: string | null }) {
  const t = useT();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {json === null ? (
        <Text size="sm" c="dimmed">
          {t('audit.noData')}
        </Text>
      ) : (
        <Code block className="audit-json">
          {json}
        </Code>
      )}
    </Stack>
  );
}
