import UserIcon from '@mui/icons-material/People';
import type { UserView } from '../../../types';
import { UserCreate } from './UserCreate';
import { UserEdit } from './UserEdit';
import { UserList } from './UserList';
import { UserShow } from './UserShow';

/** 用户. Deactivate (active = false) rather than delete: the audit log names users. */
export default {
  list: UserList,
  create: UserCreate,
  edit: UserEdit,
  show: UserShow,
  icon: UserIcon,
  recordRepresentation: (record: UserView) => `${record.displayName} (${record.username})`,
};
