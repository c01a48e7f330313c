import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useSession } from './auth/SessionProvider';
import { useT } from './i18n/I18nProvider';
import { AppLayout } from './layout/AppLayout';
import { AccountsPage } from './pages/accounts/AccountsPage';
import { AuditPage } from './pages/audit/AuditPage';
import { CalendarPage } from './pages/calendar/CalendarPage';
import { DrillPage } from './pages/dashboard/DrillPage';
import { DisclosureFormPage } from './pages/disclosures/DisclosureFormPage';
import { DisclosurePage } from './pages/disclosures/DisclosurePage';
import { DisclosuresPage } from './pages/disclosures/DisclosuresPage';
import { RegisterPage } from './pages/disclosures/RegisterPage';
import { SurveyPage } from './pages/surveys/SurveyPage';
import { SurveysPage } from './pages/surveys/SurveysPage';
import { DossiersPage } from './pages/reception/DossiersPage';
import { ProceduresPage } from './pages/reception/ProceduresPage';
import { ReceptionPage } from './pages/reception/ReceptionPage';
import { CampaignPage } from './pages/campaigns/CampaignPage';
import { CampaignsPage } from './pages/campaigns/CampaignsPage';
import { ExtensionsPage } from './pages/reports/ExtensionsPage';
import { FeedbackCasePage } from './pages/feedback/FeedbackCasePage';
import { FeedbackListPage } from './pages/feedback/FeedbackListPage';
import { FeedbackOnBehalfPage } from './pages/feedback/FeedbackOnBehalfPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ImportPlanPage } from './pages/plans/ImportPlanPage';
import { canImportPlans } from './pages/plans/planLabels';
import { PlanPage } from './pages/plans/PlanPage';
import { PlansPage } from './pages/plans/PlansPage';
import { ReportPage } from './pages/reports/ReportPage';
import { ReportsPage } from './pages/reports/ReportsPage';
import { RoundPage } from './pages/reports/RoundPage';
import { ProfilePage } from './pages/profile/ProfilePage';
import { UnitsPage } from './pages/units/UnitsPage';
import { PATHS } from './paths';

/** Sign-in gate, then the routes the abilities allow. */
export function App() {
  const { status, session } = useSession();
  const t = useT();

  if (status === 'loading') {
    return (
      <Center h="100vh">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (!session) return <LoginPage />;

  const { abilities } = session;
  return (
    <AppLayout>
      <Routes>
        <Route path={PATHS.home} element={<HomePage />} />
        <Route path={PATHS.plans} element={<PlansPage />} />
        <Route path={PATHS.planImport} element={canImportPlans(session) ? <ImportPlanPage /> : <Navigate to={PATHS.plans} replace />} />
        <Route path={`${PATHS.plans}/:id`} element={<PlanPage />} />
        <Route path={PATHS.drill} element={<DrillPage />} />
        <Route path={PATHS.reports} element={<ReportsPage />} />
        <Route path={PATHS.extensions} element={<ExtensionsPage />} />
        <Route path={`${PATHS.reports}/dot/:id`} element={<RoundPage />} />
        <Route path={`${PATHS.reports}/so/:id`} element={<ReportPage />} />
        <Route path={PATHS.disclosures} element={<DisclosuresPage />} />
        <Route path={PATHS.disclosureNew} element={abilities.draftDisclosures ? <DisclosureFormPage /> : <Navigate to={PATHS.disclosures} replace />} />
        <Route path={PATHS.disclosureRegister} element={<RegisterPage />} />
        <Route path={`${PATHS.disclosures}/:id`} element={<DisclosurePage />} />
        <Route path={`${PATHS.disclosures}/:id/sua`} element={<DisclosureFormPage />} />
        <Route path="/khao-sat" element={<SurveysPage />} />
        <Route path="/khao-sat/:id" element={<SurveyPage />} />
        <Route path={PATHS.reception} element={<ReceptionPage />} />
        <Route path={PATHS.procedures} element={<ProceduresPage />} />
        <Route path={PATHS.dossiers} element={<DossiersPage />} />
        <Route path={PATHS.campaigns} element={<CampaignsPage />} />
        <Route path={`${PATHS.campaigns}/:id`} element={<CampaignPage />} />
        <Route path={PATHS.feedback} element={<FeedbackListPage />} />
        <Route path={PATHS.feedbackNew} element={abilities.handleFeedback ? <FeedbackOnBehalfPage /> : <Navigate to={PATHS.feedback} replace />} />
        <Route path={`${PATHS.feedback}/:id`} element={<FeedbackCasePage />} />
        <Route path={PATHS.units} element={<UnitsPage />} />
        <Route path={PATHS.accounts} element={abilities.listUsers ? <AccountsPage /> : <Navigate to={PATHS.home} replace />} />
        <Route path={PATHS.audit} element={abilities.readAudit ? <AuditPage /> : <Navigate to={PATHS.home} replace />} />
        <Route path={PATHS.calendar} element={abilities.editCalendar ? <CalendarPage canEdit /> : <Navigate to={PATHS.home} replace />} />
        <Route path={PATHS.profile} element={<ProfilePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppLayout>
  );
}
