import { Autocomplete, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useGetList, useTranslate } from 'react-admin';
import type { OrgUnitView } from '../types';
import { orgUnitOptionText } from './org-unit-option';

/**
 * An org unit picker outside react-admin forms (analysis, reports): searches the units in
 * the user's scope with the server's `q` filter, in tree order. `null` = no unit chosen.
 */
export function OrgUnitPicker({
  value,
  onChange,
  label,
  placeholder,
  testId,
}: {
  value: OrgUnitView | null;
  onChange: (unit: OrgUnitView | null) => void;
  label: string;
  placeholder?: string;
  testId?: string;
}) {
  const translate = useTranslate();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const { data, isPending } = useGetList<OrgUnitView>('org-units', {
    filter: q ? { q } : {},
    pagination: { page: 1, perPage: 50 },
    sort: { field: 'path', order: 'ASC' },
  });
  return (
    <Autocomplete<OrgUnitView>
      options={data ?? []}
      value={value}
      loading={isPending}
      onChange={(_, unit) => onChange(unit)}
      onInputChange={(_, text, reason) => {
        if (reason === 'input') setTyped(text);
        if (reason === 'clear') setTyped('');
      }}
      getOptionLabel={(unit) => orgUnitOptionText(unit)}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(options) => options}
      noOptionsText={translate('xb.common.no_options')}
      loadingText={translate('ra.page.loading')}
      sx={{ width: 320 }}
      size="small"
      data-testid={testId}
      renderInput={(params) => <TextField {...params} fullWidth label={translate(label)} placeholder={placeholder ? translate(placeholder) : undefined} />}
    />
  );
}
