import { Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { ArrayInput, BooleanInput, NumberInput, SelectInput, SimpleFormIterator, TextInput, useTranslate } from 'react-admin';
import type { PlanStructureDto } from '@xb/contracts/policies';
import { choicesOf, PLAN_BUSINESS_TYPES } from './api';

/** The structure of an emergency-plan version: scenario, levels, team, ordered steps, reporting deadlines. */
export function PlanView({ plan }: { plan: PlanStructureDto }) {
  const translate = useTranslate();
  const t = (k: string) => translate(`xb.policies.plan.${k}`);
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid="plan-view">
      <CardContent>
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
          {t('title')} · {translate(`xb.policies.business.${plan.businessType}`)} · {plan.scenario}
        </Typography>
        <Typography variant="subtitle2" sx={{ mt: 1 }}>{t('levels')}</Typography>
        {plan.levels.map((l) => (
          <Typography key={l.level} variant="body2">
            {l.name}: {l.triggers}
          </Typography>
        ))}
        <Typography variant="subtitle2" sx={{ mt: 1 }}>{t('team')}</Typography>
        <Typography variant="body2">{plan.team.map((m) => `${m.role} ${m.name} ${m.contact}`).join('；')}</Typography>
        <Typography variant="subtitle2" sx={{ mt: 1 }}>{t('steps')}</Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>#</TableCell>
              <TableCell>{t('step')}</TableCell>
              <TableCell>{t('owner')}</TableCell>
              <TableCell>{t('minutes')}</TableCell>
              <TableCell>{t('mandatory')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {[...plan.steps].sort((a, b) => a.order - b.order).map((s) => (
              <TableRow key={s.order}>
                <TableCell>{s.order}</TableCell>
                <TableCell>{s.title}</TableCell>
                <TableCell>{s.ownerRole}</TableCell>
                <TableCell>{s.minutesAllowed}</TableCell>
                <TableCell>{s.mandatory ? '✓' : ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Typography variant="subtitle2" sx={{ mt: 1 }}>{t('reporting')}</Typography>
        {plan.reporting.map((r, i) => (
          <Typography key={i} variant="body2">
            {t('level')} {r.level} → {r.to}: {r.withinMinutes} {t('minutes_unit')}
          </Typography>
        ))}
      </CardContent>
    </Card>
  );
}

/** Inputs of the plan structure (optional: only emergency plans carry it). */
export function PlanInputs() {
  return (
    <>
      <SelectInput source="plan.businessType" choices={choicesOf('business', PLAN_BUSINESS_TYPES)} />
      <TextInput source="plan.scenario" fullWidth />
      <ArrayInput source="plan.levels">
        <SimpleFormIterator inline>
          <NumberInput source="level" min={1} max={4} />
          <TextInput source="name" />
          <TextInput source="triggers" />
        </SimpleFormIterator>
      </ArrayInput>
      <ArrayInput source="plan.team">
        <SimpleFormIterator inline>
          <TextInput source="role" />
          <TextInput source="name" />
          <TextInput source="contact" />
        </SimpleFormIterator>
      </ArrayInput>
      <ArrayInput source="plan.steps">
        <SimpleFormIterator inline>
          <NumberInput source="order" min={1} />
          <TextInput source="title" />
          <TextInput source="ownerRole" />
          <NumberInput source="minutesAllowed" min={1} />
          <BooleanInput source="mandatory" />
        </SimpleFormIterator>
      </ArrayInput>
      <ArrayInput source="plan.reporting">
        <SimpleFormIterator inline>
          <NumberInput source="level" min={1} max={4} />
          <TextInput source="to" />
          <NumberInput source="withinMinutes" min={1} />
        </SimpleFormIterator>
      </ArrayInput>
    </>
  );
}
