import ComplaintIcon from '@mui/icons-material/SupportAgent';
import type { ComplaintView } from '../../../types';
import { ComplaintCreate } from './ComplaintCreate';
import { ComplaintList } from './ComplaintList';
import { ComplaintShow } from './ComplaintShow';

/** 客户投诉. No edit or delete: after intake a complaint changes only through workflow actions. */
export default {
  list: ComplaintList,
  create: ComplaintCreate,
  show: ComplaintShow,
  icon: ComplaintIcon,
  recordRepresentation: (record: ComplaintView) => record.reference,
};
