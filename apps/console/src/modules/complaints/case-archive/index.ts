import CaseIcon from '@mui/icons-material/MenuBook';
import type { CaseArchiveEntryView } from '../../../types';
import { CaseArchiveList } from './CaseArchiveList';
import { CaseArchiveShow } from './CaseArchiveShow';

/** 案例库: typical cases, readable by every role; written only through a complaint's mark-typical action. */
export default {
  list: CaseArchiveList,
  show: CaseArchiveShow,
  icon: CaseIcon,
  recordRepresentation: (record: CaseArchiveEntryView) => record.reference,
};
