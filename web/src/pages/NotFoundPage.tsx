import { Anchor, Stack, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useT } from '../i18n/I18nProvider';
import { PATHS } from '../paths';

export function NotFoundPage() {
  const t = useT();
  return (
    <Stack>
      <Title order={2}>{t('notFound.title')}</Title>
      <Anchor component={Link} to={PATHS.home}>
        {t('notFound.back')}
      </Anchor>
    </Stack>
  );
}
