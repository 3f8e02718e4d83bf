import { AutocompleteInput, ReferenceInput, type AutocompleteInputProps } from 'react-admin';
import type { OrgUnitView } from '../types';

export const orgUnitOptionText = (unit: Pick<OrgUnitView, 'name' | 'code'> | undefined) =>
  unit ? `${unit.name} (${unit.code})` : '';

/**
 * Org unit picker: a ReferenceInput on `org-units` searched with the server's `q`
 * filter, tree order (by path).
 */
export function OrgUnitInput({
  source = 'orgUnitId',
  filter,
  ...props
}: Omit<AutocompleteInputProps, 'source'> & { source?: string; filter?: Record<string, unknown> }) {
  return (
    <ReferenceInput source={source} reference="org-units" sort={{ field: 'path', order: 'ASC' }} perPage={50} filter={filter}>
      <AutocompleteInput
        optionText={orgUnitOptionText}
        filterToQuery={(q: string) => (q ? { q } : {})}
        noOptionsText="xb.common.no_options"
        {...props}
      />
    </ReferenceInput>
  );
}
