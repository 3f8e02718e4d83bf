import BoardIcon from '@mui/icons-material/NotificationImportant';
import type { ComplaintView } from '../../../types';
import { SupervisionBoard } from './SupervisionBoard';

/** 督办看板: a read-only list of complaints; rows open the complaint's own page. */
export default {
  list: SupervisionBoard,
  icon: BoardIcon,
  recordRepresentation: (record: ComplaintView) => record.reference,
};
