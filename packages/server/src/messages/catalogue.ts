/** Messages of the project field catalogue's fields (issue 9: started without a date, reported figures). */
export const catalogueMessages = {
  import_issue_started_undated: {
    'zh-CN': '标为已开工但没有开工时间和计划开工时间，按“已开工（日期未填）”导入',
    'en-US': 'Marked as started with no start or planned start date: imported as started, date not given',
  },
} as const;
