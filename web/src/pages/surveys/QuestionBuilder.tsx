import { ActionIcon, Button, Card, Group, NativeSelect, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/vi';
import type { Question } from './surveysApi';

const KINDS: Array<{ value: Question['kind']; label: MessageKey }> = [
  { value: 'single', label: 'surveys.kind.single' },
  { value: 'multiple', label: 'surveys.kind.multiple' },
  { value: 'scale', label: 'surveys.kind.scale' },
  { value: 'text', label: 'surveys.kind.text' },
];

/** Questions of a draft: add, reorder, remove; choices one per line. The server checks the whole questionnaire. */
export function QuestionBuilder({ questions, onChange }: { questions: Question[]; onChange: (next: Question[]) => void }) {
  const t = useT();
  const set = (i: number, patch: Partial<Question>) => onChange(questions.map((q, k) => (k === i ? { ...q, ...patch } : q)));
  const move = (i: number, by: number) => {
    const next = [...questions];
    const [q] = next.splice(i, 1);
    next.splice(i + by, 0, q!);
    onChange(next);
  };
  const add = () => onChange([...questions, { id: '', kind: 'scale', text: '', required: true }]);

  return (
    <Stack gap="sm">
      {questions.map((q, i) => (
        <Card key={`${q.id}-${i}`} withBorder padding="sm" data-testid="survey-question">
          <Group justify="space-between" mb="xs">
            <Text fw={600}>{t('surveys.questionNo', { n: i + 1 })}</Text>
            <Group gap={4}>
              <ActionIcon variant="subtle" aria-label={t('surveys.moveUp')} disabled={i === 0} onClick={() => move(i, -1)}>
                <IconArrowUp size={16} aria-hidden />
              </ActionIcon>
              <ActionIcon variant="subtle" aria-label={t('surveys.moveDown')} disabled={i === questions.length - 1} onClick={() => move(i, 1)}>
                <IconArrowDown size={16} aria-hidden />
              </ActionIcon>
              <ActionIcon variant="subtle" color="red" aria-label={t('surveys.remove')} onClick={() => onChange(questions.filter((_, k) => k !== i))}>
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          </Group>
          <Stack gap="xs">
            <TextInput label={t('surveys.questionText')} value={q.text} onChange={(e) => set(i, { text: e.currentTarget.value })} />
            <Group grow>
              <NativeSelect
                label={t('surveys.kind')}
                value={q.kind}
                data={KINDS.map((k) => ({ value: k.value, label: t(k.label) }))}
                onChange={(e) => {
                  const kind = e.currentTarget.value as Question['kind'];
                  set(i, kind === 'single' || kind === 'multiple' ? { kind, options: q.options ?? ['', ''] } : { kind, options: undefined });
                }}
              />
              <Switch mt="lg" label={t('surveys.required')} checked={q.required} onChange={(e) => set(i, { required: e.currentTarget.checked })} />
            </Group>
            {(q.kind === 'single' || q.kind === 'multiple') && (
              <Textarea
                label={t('surveys.options')}
                description={t('surveys.optionsHint')}
                autosize
                minRows={2}
                value={(q.options ?? []).join('\n')}
                onChange={(e) => set(i, { options: e.currentTarget.value.split('\n') })}
              />
            )}
          </Stack>
        </Card>
      ))}
      <Button variant="default" onClick={add} data-testid="survey-add-question">
        {t('surveys.addQuestion')}
      </Button>
    </Stack>
  );
}
