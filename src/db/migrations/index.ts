import type { Migration } from 'kysely';
import type { MigrationContext } from './helpers.js';
import { foundation } from './0001_foundation.js';
import { plans } from './0002_plans.js';
import { reporting } from './0003_reporting.js';
import { notifications } from './0004_notifications.js';
import { dashboardStanding } from './0005_dashboard_standing.js';
import { extensions } from './0006_extensions.js';
import { disclosures } from './0007_disclosures.js';
import { reception } from './0008_reception.js';
import { subscriptions } from './0009_subscriptions.js';
import { publicStanding } from './0010_public_standing.js';
import { feedback } from './0011_feedback.js';
import { workingCalendar } from './0012_working_calendar.js';
import { surveys } from './0013_surveys.js';
import { campaigns } from './0014_campaigns.js';

/**
 * Every migration, in order. Append-only: a released migration is never edited;
 * a change to the schema is a new entry at the end. The same list runs on SQLite and PostgreSQL.
 */
export function allMigrations(ctx: MigrationContext): Record<string, Migration> {
  return {
    '0001_foundation': foundation(ctx),
    '0002_plans': plans(ctx),
    '0003_reporting': reporting(ctx),
    '0004_notifications': notifications(ctx),
    '0005_dashboard_standing': dashboardStanding(ctx),
    '0006_extensions': extensions(ctx),
    '0007_disclosures': disclosures(ctx),
    '0008_reception': reception(ctx),
    '0009_subscriptions': subscriptions(ctx),
    '0010_public_standing': publicStanding(ctx),
    '0011_feedback': feedback(ctx),
    '0012_working_calendar': workingCalendar(ctx),
    '0013_surveys': surveys(ctx),
    '0014_campaigns': campaigns(ctx),
  };
}
