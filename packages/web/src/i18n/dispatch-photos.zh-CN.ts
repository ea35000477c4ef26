/** Report photos (一月一调度, issue 10 item 2): their error codes and warnings. */
export const dispatchPhotosZhCN = {
  'error.dispatch_report_locked': '填报已{status}，不能再修改照片（退回后可修改）',
  'error.dispatch_photo_type': '照片须为 JPEG、PNG、WebP 或 HEIC 图片，此文件为 {type}',
  'error.dispatch_photo_too_many_pixels':
    '照片像素过大（{megapixels} 百万像素，上限 {limit} 百万像素），请缩小后再上传',
  'error.dispatch_photo_unreadable': '照片无法读取（文件损坏、不完整或格式不受支持：{type}）',
  'error.entity.dispatchPhoto': '调度照片',
  'dispatch.photo.warning.photo_taken_early': '照片拍摄于 {takenAt}，早于{month}调度月一个月以上',
  'dispatch.photo.warning.photo_far_away':
    '照片拍摄地点距项目位置约 {distanceKm} 公里（超过 {limitKm} 公里）',
  'dispatch.photo.warning.photo_no_exif': '照片没有拍摄时间和地点信息',
};
