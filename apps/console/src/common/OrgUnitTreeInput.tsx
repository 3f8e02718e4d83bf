import { Box } from '@mui/material';
import { AutocompleteInput, useGetList, useRecordContext, type AutocompleteInputProps } from 'react-admin';
import type { OrgUnitView } from '../types';
import { orgUnitOptionText } from './org-unit-option';

/** Most units a tree picker loads (a bank's branches, sub-branches, outlets and departments in scope). */
const TREE_MAX = 1000;

/** Units in tree order: each parent followed by its children, siblings by code; depth relative to the shallowest unit. */
export function treeOrder(units: readonly OrgUnitView[]): (OrgUnitView & { level: number })[] {
  const byParent = new Map<string | null, OrgUnitView[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), u]);
  }
  const out: (OrgUnitView & { level: number })[] = [];
  const visit = (parent: string | null, level: number) => {
    for (const u of [...(byParent.get(parent) ?? [])].sort((a, b) => a.code.localeCompare(b.code))) {
      out.push({ ...u, level });
      visit(u.id, level + 1);
    }
  };
  visit(null, 0);
  return out;
}

function TreeOption() {
  const unit = useRecordContext<OrgUnitView & { level: number }>();
  if (!unit) return null;
  return (
    <Box component="span" sx={{ pl: unit.level * 2 }} data-testid="tree-option" data-level={unit.level}>
      {orgUnitOptionText(unit)}
    </Box>
  );
}

/**
 * Org unit input in tree order (the units of the user's scope, each under its parent,
 * indented), searchable by name or code. `offered` marks the units that may be chosen
 * (e.g. only those with a handler who can take the complaint); the others show, greyed.
 */
export function OrgUnitTreeInput({
  source = 'orgUnitId',
  offered,
  ...props
}: Omit<AutocompleteInputProps, 'source' | 'choices'> & { source?: string; offered?: (unit: OrgUnitView) => boolean }) {
  const { data, isPending } = useGetList<OrgUnitView>('org-units', { pagination: { page: 1, perPage: TREE_MAX }, sort: { field: 'path', order: 'ASC' } });
  const choices = treeOrder(data ?? []).map((u) => ({ ...u, disabled: offered ? !offered(u) : false }));
  return (
    <AutocompleteInput
      source={source}
      choices={choices}
      isPending={isPending}
      optionText={<TreeOption />}
      inputText={(u: OrgUnitView) => orgUnitOptionText(u)}
      matchSuggestion={(filter: string, u: OrgUnitView) => !filter || u.name.includes(filter) || u.code.toLowerCase().includes(filter.toLowerCase())}
      noOptionsText="xb.common.no_options"
      {...props}
    />
  );
}
