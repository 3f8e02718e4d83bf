import { useRecordPageErrors } from '../../../common/RecordGone';
import { Box, Card, CardContent, Grid, Stack, Typography } from '@mui/material';
import { Item, Section } from '../../../common/ShowSections';
import {
  Labeled,
  ListButton,
  NumberField,
  Show,
  TextField,
  TopToolbar,
  useCanAccess,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Attachments } from '../../../common/attachments/Attachments';
import { DateTimeField, formatDateTime } from '../../../common/DateTimeField';
import { TRANSFERRED_CHANNELS, type ComplaintView } from '../../../types';
import { ClassificationItems, CodeField, StatusChip } from './complaint-codes';
import { ComplaintFlags } from './ComplaintFlags';
import { RevealCustomerDetails } from './RevealCustomerDetails';
import { PersonField, PersonName, personLabel, usePerson } from '../../../common/PersonName';
import { ReportBackDue, SlaBadge } from './SlaBadge';
import { Timeline } from './Timeline';
import { WorkflowActions } from './WorkflowActions';

const Actions = () => (
  <TopToolbar>
    <ListButton />
  </TopToolbar>
);

const Title = () => {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  return <span>{`${translate('resources.complaints.name', { smart_count: 1 })} ${record?.reference ?? ''}`}</span>;
};

/** 首问责任人: the person who accepted the complaint, by name and unit. */
function FirstResponderField(_props: { label?: string }) {
  const record = useRecordContext<ComplaintView>();
  return (
    <Typography component="span" variant="body2" data-testid="first-responder">
      <PersonName id={record?.firstResponder?.id} fallback={record?.firstResponder?.username} />
    </Typography>
  );
}

/** One extension on record, its approver by name. */
function ExtensionLine({ extension: e }: { extension: ComplaintView['extensions'][number] }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { person } = usePerson(e.approvedBy?.id);
  return (
    <Typography variant="body2" data-testid="extension">
      {translate('xb.complaints.extension_line', {
        level: e.level,
        days: e.limitDays,
        approver: personLabel(person, e.approvedBy ? '…' : ''),
        at: formatDateTime(e.at, locale),
        notified: formatDateTime(e.customerNotifiedAt, locale),
        reason: e.reason,
      })}
    </Typography>
  );
}

function BooleanText({ source }: { source: keyof ComplaintView; label?: string }) {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  const value = record?.[source];
  if (typeof value !== 'boolean') return <Typography variant="body2">—</Typography>;
  return <Typography variant="body2">{translate(value ? 'xb.complaints.yes' : 'xb.complaints.no')}</Typography>;
}

/** The time limit: days, extensions on record (reason, approver, customer notice), a running pause. */
function TimeLimitDetails(_props: { label?: string }) {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  const extensions = record.extensions ?? [];
  return (
    <Stack spacing={0.5}>
      {extensions.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate('xb.complaints.no_extensions')}
        </Typography>
      )}
      {extensions.map((e) => (
        <ExtensionLine key={e.level} extension={e} />
      ))}
      {record.pausedAt && (
        <Typography variant="body2" color="warning.main">
          {translate('xb.complaints.paused_since', { at: formatDateTime(record.pausedAt, locale), reason: record.pauseReason ?? '' })}
        </Typography>
      )}
    </Stack>
  );
}

/** Decision, reply and follow-up — or why the complaint ended without one. Hidden until there is something to show. */
function OutcomeSection() {
  const record = useRecordContext<ComplaintView>();
  if (!record) return null;
  const any = record.resolvedAt || record.repliedAt || record.closedAt || record.rejectedAt || record.withdrawnAt;
  if (!any) return null;
  return (
    <Section title="xb.complaints.section_outcome">
      {record.resolvedAt && (
        <>
          <Item>
            <Labeled source="outcome"><CodeField list="outcomes" source="outcome" /></Labeled>
          </Item>
          <Item>
            <Labeled><NumberField source="compensationAmount" options={{ minimumFractionDigits: 2 }} emptyText="—" /></Labeled>
          </Item>
          <Item>
            <Labeled><DateTimeField source="resolvedAt" /></Labeled>
          </Item>
          <Item wide>
            <Labeled><TextField source="resolution" sx={{ whiteSpace: 'pre-wrap' }} /></Labeled>
          </Item>
        </>
      )}
      {record.repliedAt && (
        <>
          <Item>
            <Labeled source="replyMethod"><CodeField list="replyMethods" source="replyMethod" /></Labeled>
          </Item>
          <Item>
            <Labeled><DateTimeField source="repliedAt" /></Labeled>
          </Item>
        </>
      )}
      {record.closedAt && (
        <>
          <Item>
            <Labeled source="satisfaction"><CodeField list="satisfactionLevels" source="satisfaction" /></Labeled>
          </Item>
          <Item>
            <Labeled source="disputesOutcome"><BooleanText source="disputesOutcome" /></Labeled>
          </Item>
          <Item>
            <Labeled><DateTimeField source="closedAt" /></Labeled>
          </Item>
        </>
      )}
      {record.rejectedAt && (
        <>
          <Item>
            <Labeled><DateTimeField source="rejectedAt" /></Labeled>
          </Item>
          <Item wide>
            <Labeled><TextField source="rejectionReason" sx={{ whiteSpace: 'pre-wrap' }} /></Labeled>
          </Item>
        </>
      )}
      {record.withdrawnAt && (
        <>
          <Item>
            <Labeled><DateTimeField source="withdrawnAt" /></Labeled>
          </Item>
          <Item wide>
            <Labeled><TextField source="withdrawalReason" emptyText="—" sx={{ whiteSpace: 'pre-wrap' }} /></Labeled>
          </Item>
        </>
      )}
    </Section>
  );
}

function ReportBackItem() {
  const record = useRecordContext<ComplaintView>();
  if (!record || !TRANSFERRED_CHANNELS.includes(record.channel) || !record.reportBackDueAt) return null;
  return (
    <Item>
      <Labeled source="reportBackDueAt"><ReportBackDue /></Labeled>
    </Item>
  );
}

function ComplaintDetails() {
  return (
    <>
      <Section title="xb.complaints.section_handling">
        <Item>
          <Labeled><TextField source="reference" /></Labeled>
        </Item>
        <Item>
          <Labeled source="status"><StatusChip /></Labeled>
        </Item>
        <Item>
          <Labeled><DateTimeField source="receivedAt" /></Labeled>
        </Item>
        <Item>
          <Labeled><TextField source="orgUnitName" /></Labeled>
        </Item>
        <Item>
          <Labeled source="firstResponder"><FirstResponderField /></Labeled>
        </Item>
        <Item>
          <Labeled><TextField source="externalRef" emptyText="—" /></Labeled>
        </Item>
        <Item>
          <Labeled><TextField source="assignedUnitName" emptyText="—" /></Labeled>
        </Item>
        <Item>
          <Labeled source="assignedHandlerUsername"><Typography component="span" variant="body2"><PersonField source="assignedHandlerId" /></Typography></Labeled>
        </Item>
        <Item>
          <Labeled><DateTimeField source="assignedAt" emptyText="—" /></Labeled>
        </Item>
      </Section>
      <Section title="xb.complaints.section_time_limit">
        <Item>
          <Labeled source="sla" label="resources.complaints.fields.sla"><SlaBadge /></Labeled>
        </Item>
        <Item>
          <Labeled><DateTimeField source="dueAt" /></Labeled>
        </Item>
        <Item>
          <Labeled><DateTimeField source="clockStartedAt" emptyText="—" /></Labeled>
        </Item>
        <Item>
          <Labeled><NumberField source="timeLimitDays" emptyText="—" /></Labeled>
        </Item>
        <ReportBackItem />
        <Item wide>
          <Labeled source="extensions"><TimeLimitDetails /></Labeled>
        </Item>
      </Section>
      <OutcomeSection />
      <Section title="xb.complaints.section_classification">
        <ClassificationItems />
      </Section>
      <Section title="xb.complaints.section_customer">
        <Item>
          <Labeled><TextField source="customerName" /></Labeled>
        </Item>
        <Item>
          <Labeled><TextField source="customerPhone" /></Labeled>
        </Item>
        <Item>
          <Labeled><TextField source="customerIdNumber" emptyText="—" /></Labeled>
        </Item>
        <Item wide>
          <RevealCustomerDetails />
        </Item>
      </Section>
      <Section title="xb.complaints.section_content">
        <Item wide>
          <Labeled><TextField source="description" sx={{ whiteSpace: 'pre-wrap' }} /></Labeled>
        </Item>
        <Item wide>
          <Labeled><TextField source="demand" emptyText="—" sx={{ whiteSpace: 'pre-wrap' }} /></Labeled>
        </Item>
      </Section>
    </>
  );
}

function TimelineCard() {
  const translate = useTranslate();
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1.5 }}>
          {translate('xb.complaints.section_timeline')}
        </Typography>
        <Timeline />
      </CardContent>
    </Card>
  );
}

/** Evidence files 证据材料: photos, recordings' transcripts, appraisal reports — on the record and its history. */
function AttachmentsCard() {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'complaints', action: 'attach', record });
  if (!record) return null;
  return (
    <Card variant="outlined" sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1.5 }}>
          {translate('xb.complaints.section_attachments')}
        </Typography>
        <Attachments resource="complaints" recordId={record.id} purpose="complaints.complaint" canUpload={canAccess === true} />
      </CardContent>
    </Card>
  );
}

/** One complaint: markers, the workflow buttons the user may use, the details, and the history beside them. */
export function ComplaintShow() {
  const errors = useRecordPageErrors();
  return (
    <Show actions={<Actions />} title={<Title />} {...errors}>
      <Box sx={{ p: 2 }}>
        <ComplaintFlags />
        <WorkflowActions />
        <Grid container spacing={3}>
          <Grid size={{ xs: 12, lg: 8 }}>
            <ComplaintDetails />
          </Grid>
          <Grid size={{ xs: 12, lg: 4 }}>
            <AttachmentsCard />
            <TimelineCard />
          </Grid>
        </Grid>
      </Box>
    </Show>
  );
}
