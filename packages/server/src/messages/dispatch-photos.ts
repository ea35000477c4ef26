/** Server messages of report photos (一月一调度, issue 10 item 2): their error codes and warnings. */
export const dispatchPhotosMessages = {
  dispatch_report_locked: {
    'zh-CN': '填报已{status}，不能再修改照片（退回后可修改）',
    'en-US': 'The report is {status}: its photos cannot change (unless it is returned)',
  },
  dispatch_photo_type: {
    'zh-CN': '照片须为 JPEG、PNG、WebP 或 HEIC 图片，此文件为 {type}',
    'en-US': 'A photo must be a JPEG, PNG, WebP or HEIC image; this file is {type}',
  },
  dispatch_photo_too_many_pixels: {
    'zh-CN': '照片像素过大（{megapixels} 百万像素，上限 {limit} 百万像素），请缩小后再上传',
    'en-US':
      'The photo is too large ({megapixels} megapixels; the limit is {limit}); resize it and try again',
  },
  dispatch_photo_unreadable: {
    'zh-CN': '照片无法读取（文件损坏、不完整或格式不受支持：{type}）',
    'en-US': 'The photo cannot be read (damaged, cut short or an unsupported kind: {type})',
  },
  photo_taken_early: {
    'zh-CN': '照片拍摄于 {takenAt}，早于{month}调度月一个月以上',
    'en-US': 'The photo was taken on {takenAt}, more than a month before the {month} round',
  },
  photo_far_away: {
    'zh-CN': '照片拍摄地点距项目位置约 {distanceKm} 公里（超过 {limitKm} 公里）',
    'en-US': 'The photo was taken about {distanceKm} km from the project (more than {limitKm} km)',
  },
  photo_no_exif: {
    'zh-CN': '照片没有拍摄时间和地点信息',
    'en-US': 'The photo carries no time or place it was taken',
  },
} as const;
