import type { PlatformMessages } from './messages-en';

/** 平台模块（用户、机构、审计日志）的中文文案；与 messages-en.ts 同形。 */
export const platformChinese: PlatformMessages = {
  resources: {
    'org-units': {
      name: '机构 |||| 机构',
      fields: {
        id: 'ID',
        code: '机构代码',
        name: '机构名称',
        type: '机构类型',
        parentId: '上级机构',
        path: '路径',
        depth: '层级',
        createdAt: '创建时间',
        updatedAt: '更新时间',
        q: '搜索',
      },
    },
    users: {
      name: '用户 |||| 用户',
      fields: {
        id: 'ID',
        username: '用户名',
        displayName: '姓名',
        password: '密码',
        orgUnitId: '所属机构',
        roles: '角色',
        role: '角色',
        active: '启用',
        lockedUntil: '锁定至',
        createdAt: '创建时间',
        updatedAt: '更新时间',
        q: '搜索',
      },
    },
    'audit-log': {
      name: '审计日志 |||| 审计日志',
      fields: {
        id: 'ID',
        seq: '序号',
        at: '时间',
        actorId: '操作人ID',
        actorUsername: '操作人',
        action: '操作',
        resource: '对象类型',
        resourceId: '对象ID',
        details: '详情',
        hash: '哈希',
        summary: '操作摘要',
        correlationId: '关联ID',
        from: '起始时间',
        to: '截止时间',
      },
    },
  },
  xb: {
    audit: {
      verify: '校验审计链',
      verify_ok: '审计链完整，已校验 %{smart_count} 条 |||| 审计链完整，已校验 %{smart_count} 条',
      verify_broken: '审计链在第 %{id} 条处断裂（已校验 %{entries} 条）',
      verify_error: '无法校验审计链',
      actions: {
        auth_login_succeeded: '登录成功',
        auth_login_failed: '登录失败',
        auth_login_refused_locked: '登录被拒（账户已锁定）',
        auth_login_refused_throttled: '登录被拒（尝试次数过多）',
        auth_account_locked: '账户被锁定',
        auth_user_created: '新建',
        auth_user_updated: '修改',
        auth_user_deactivated: '停用',
        org_unit_created: '新建',
        org_unit_updated: '修改',
        org_unit_moved: '移动',
        org_unit_deleted: '删除',
        files_file_downloaded: '下载',
      },
      groups: {
        auth_login: '登录（全部）',
        auth_user: '用户变更（全部）',
        org_unit: '机构变更（全部）',
        complaints_complaint: '投诉（全部）',
      },
    },
    users: {
      password_create_helper: '8–128 位，至少包含一个字母和一个数字',
      password_edit_helper: '留空则不修改密码',
    },
    org_units: {
      parent_helper: '仅总行可不填；更换上级机构会连同其下属机构一并迁移',
    },
  },
};
