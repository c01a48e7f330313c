import { NavLink, Stack } from '@mantine/core';
import { IconPigMoney, IconCalendarOff, IconCalendarTime, IconCalendarUser, IconClipboardList, IconFileCertificate, IconFolders, IconSpeakerphone, IconReportAnalytics, IconHistory, IconLayoutDashboard, IconSitemap, IconUserCircle, IconUsers } from '@tabler/icons-react';
import { IconChartBar } from '@tabler/icons-react';
import { IconMessageReport } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useSignedIn } from '../auth/SessionProvider';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/vi';
import { PATHS } from '../paths';

interface Entry {
  to: string;
  label: MessageKey;
  icon: ComponentType<{ size?: number; stroke?: number; 'aria-hidden'?: boolean }>;
  testId: string;
}

/** The left-hand menu; entries the user may not use are not shown (the server decides, via abilities). */
export function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const t = useT();
  const { abilities, user } = useSignedIn();
  const { pathname } = useLocation();

  const entries: Entry[] = [
    { to: PATHS.home, label: 'nav.home', icon: IconLayoutDashboard, testId: 'nav-home' },
    { to: PATHS.plans, label: 'nav.plans', icon: IconClipboardList, testId: 'nav-plans' },
    { to: PATHS.reports, label: 'nav.reports', icon: IconReportAnalytics, testId: 'nav-reports' },
    ...(user.role === 'coordinator' || user.role === 'admin' || user.role === 'unit_officer'
      ? [{ to: PATHS.extensions, label: 'nav.extensions' as const, icon: IconCalendarTime, testId: 'nav-extensions' }]
      : []),
    { to: PATHS.disclosures, label: 'nav.disclosures', icon: IconSpeakerphone, testId: 'nav-disclosures' },
    { to: '/khao-sat', label: 'nav.surveys', icon: IconChartBar, testId: 'nav-surveys' },
    { to: PATHS.reception, label: 'nav.reception', icon: IconCalendarUser, testId: 'nav-reception' },
    { to: PATHS.procedures, label: 'nav.procedures', icon: IconFileCertificate, testId: 'nav-procedures' },
    { to: PATHS.dossiers, label: 'nav.dossiers', icon: IconFolders, testId: 'nav-dossiers' },
    { to: PATHS.campaigns, label: 'nav.campaigns', icon: IconPigMoney, testId: 'nav-campaigns' },
    { to: PATHS.feedback, label: 'nav.feedback', icon: IconMessageReport, testId: 'nav-feedback' },
    { to: PATHS.units, label: 'nav.units', icon: IconSitemap, testId: 'nav-units' },
    ...(abilities.listUsers ? [{ to: PATHS.accounts, label: 'nav.accounts' as const, icon: IconUsers, testId: 'nav-accounts' }] : []),
    ...(abilities.readAudit ? [{ to: PATHS.audit, label: 'nav.audit' as const, icon: IconHistory, testId: 'nav-audit' }] : []),
    ...(abilities.editCalendar ? [{ to: PATHS.calendar, label: 'nav.calendar' as const, icon: IconCalendarOff, testId: 'nav-calendar' }] : []),
    { to: PATHS.profile, label: 'nav.profile', icon: IconUserCircle, testId: 'nav-profile' },
  ];

  return (
    <Stack component="nav" gap={4} aria-label={t('nav.label')}>
      {entries.map(({ to, label, icon: Icon, testId }) => {
        // The longest matching entry is the active one (/bao-cao/gia-han is "Gia hạn", not "Báo cáo").
        const matches = (path: string) => (path === PATHS.home ? pathname === path || pathname.startsWith(PATHS.drill) : pathname.startsWith(path));
        const active = matches(to) && !entries.some((e) => e.to.length > to.length && e.to !== PATHS.home && matches(e.to));
        return (
          <NavLink
            key={to}
            component={Link}
            to={to}
            label={t(label)}
            active={active}
            aria-current={active ? 'page' : undefined}
            leftSection={<Icon size={18} stroke={1.6} aria-hidden />}
            onClick={onNavigate}
            data-testid={testId}
            fw={500}
          />
        );
      })}
    </Stack>
  );
}
