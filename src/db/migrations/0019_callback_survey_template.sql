-- Issue #13: a new install asks its callback survey from day one, so the dashboard's dimension radar is
-- not empty. Two scored questions per service-quality dimension (PRODUCT.md §3: tangibles, empathy,
-- professionalism, responsiveness, trust), so each dimension's reliability (Cronbach's alpha) can be
-- computed, and a free-text remark. Both languages. Installs that already wrote a template keep theirs.
-- An admin who makes another template the callback survey takes the role over from this one (the
-- usual rule: at most one callback template at a time); this one can be edited or deactivated like any other.
with template as (
  insert into survey_templates (name, for_callback)
  select '回访满意度调查 · Callback satisfaction survey', true
  where not exists (select 1 from survey_templates)
  returning id
)
insert into survey_template_versions (template_id, version, questions)
select id, 1, $json$[
  {"key": "tangibles_manner", "kind": "scale", "dimension": "tangibles",
   "text": {"zh": "工作人员的态度和语气让您感到舒适吗？", "en": "Did the staff's manner and tone of voice make you comfortable?"}},
  {"key": "tangibles_presentation", "kind": "scale", "dimension": "tangibles",
   "text": {"zh": "工作人员的仪表和现场整洁程度如何？", "en": "How were the staff's appearance and the tidiness of the work?"}},
  {"key": "empathy_understood", "kind": "scale", "dimension": "empathy",
   "text": {"zh": "我们是否站在您的角度理解了您的需求？", "en": "Did we understand your needs from your point of view?"}},
  {"key": "empathy_cared", "kind": "scale", "dimension": "empathy",
   "text": {"zh": "您是否感到我们真正关心您的问题？", "en": "Did you feel we really cared about your problem?"}},
  {"key": "professionalism_reliable", "kind": "scale", "dimension": "professionalism",
   "text": {"zh": "问题是否一次就处理妥当？", "en": "Was the matter handled properly the first time?"}},
  {"key": "professionalism_speed", "kind": "scale", "dimension": "professionalism",
   "text": {"zh": "处理速度是否符合您的期望？", "en": "Was it handled as quickly as you expected?"}},
  {"key": "responsiveness_feedback", "kind": "scale", "dimension": "responsiveness",
   "text": {"zh": "我们是否及时向您反馈了进展？", "en": "Did we keep you informed of progress in good time?"}},
  {"key": "responsiveness_contact", "kind": "scale", "dimension": "responsiveness",
   "text": {"zh": "与我们沟通是否顺畅？", "en": "Was it easy to communicate with us?"}},
  {"key": "trust_result", "kind": "scale", "dimension": "trust",
   "text": {"zh": "您信任我们的处理结果吗？", "en": "Do you trust the result we gave you?"}},
  {"key": "trust_again", "kind": "scale", "dimension": "trust",
   "text": {"zh": "下次遇到问题，您还愿意找我们吗？", "en": "Would you come to us again next time?"}},
  {"key": "remarks", "kind": "text", "dimension": null,
   "text": {"zh": "您还有其他意见或建议吗？", "en": "Anything else you would like to tell us?"}}
]$json$::jsonb
from template;
