import type { ErrorDetail } from '@xb/contracts';
import type { ActivityFieldsDto, CampaignView } from '@xb/contracts/campaigns';

/** Venues where staff and audience are not in one room: the staff ≤ people rule does not apply. */
const REMOTE_VENUES = new Set(['media', 'online']);

/**
 * The campaign's rules for one activity's figures (pure; create, edit and import share it).
 * Returns every broken rule, each naming its field, in words a reporter understands.
 */
export function activityRuleErrors(campaign: Pick<CampaignView, 'startDate' | 'endDate' | 'targetGroups' | 'rules'>, a: ActivityFieldsDto): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (a.date < campaign.startDate || a.date > campaign.endDate) {
    errors.push({ field: 'date', message: `date must lie in the campaign period ${campaign.startDate} – ${campaign.endDate}` });
  }
  const unknown = a.targetGroups.filter((g) => !campaign.targetGroups.includes(g));
  if (unknown.length) errors.push({ field: 'targetGroups', message: `not a target group of this campaign: ${unknown.join(', ')}` });
  if (a.peopleReached < 0) errors.push({ field: 'peopleReached', message: 'peopleReached must not be negative' });
  const staff = new Set(a.staffIds).size;
  if (staff !== a.staffIds.length) errors.push({ field: 'staffIds', message: 'a member of staff is listed twice' });
  if (campaign.rules.staffAtMostPeople && !REMOTE_VENUES.has(a.venueType) && staff > a.peopleReached) {
    errors.push({ field: 'staffIds', message: `staff taking part (${staff}) may not exceed people reached (${a.peopleReached})` });
  }
  if (campaign.rules.maxPeoplePerActivity !== null && a.peopleReached > campaign.rules.maxPeoplePerActivity) {
    errors.push({ field: 'peopleReached', message: `peopleReached may be at most ${campaign.rules.maxPeoplePerActivity} per activity in this campaign` });
  }
  if (a.sessions === 0 && a.peopleReached > 0 && !REMOTE_VENUES.has(a.venueType)) {
    errors.push({ field: 'sessions', message: 'an activity that reached people held at least one session' });
  }
  return errors;
}
