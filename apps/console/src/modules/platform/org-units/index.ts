import OrgUnitIcon from '@mui/icons-material/AccountTree';
import type { OrgUnitView } from '../../../types';
import { OrgUnitCreate } from './OrgUnitCreate';
import { OrgUnitEdit } from './OrgUnitEdit';
import { OrgUnitList } from './OrgUnitList';
import { OrgUnitShow } from './OrgUnitShow';

/** 机构 — the org tree every record and report rolls up along. */
export default {
  list: OrgUnitList,
  create: OrgUnitCreate,
  edit: OrgUnitEdit,
  show: OrgUnitShow,
  icon: OrgUnitIcon,
  recordRepresentation: (record: OrgUnitView) => `${record.name} (${record.code})`,
};
