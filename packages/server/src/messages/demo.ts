/** Loading the demo (`guatu demo`, GUATU_DEMO at start-up). */
export const demoMessages = {
  demo_after_setup: {
    'zh-CN': '系统已按行政区划初始化（{name} {code}），不能再载入演示数据',
    'en-US':
      'This system is set up from the official divisions ({name} {code}); the demo data cannot be loaded into it',
  },
} as const;
