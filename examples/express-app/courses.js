'use strict';
// The catalogue the example API serves: a fixed list, enough to search.
const COURSES = [
  { id: 1, title: 'SQL for Analysts', level: 'beginner', tags: ['sql', 'data'], price: 0 },
  { id: 2, title: 'Advanced SQL: Window Functions', level: 'advanced', tags: ['sql', 'data'], price: 49 },
  { id: 3, title: 'Python for Data Engineering', level: 'intermediate', tags: ['python', 'data'], price: 39 },
  { id: 4, title: 'Event-Driven Architectures on AWS', level: 'intermediate', tags: ['aws', 'sqs', 'lambda'], price: 59 },
  { id: 5, title: 'Intro to Node.js and Express', level: 'beginner', tags: ['javascript', 'node'], price: 0 },
  { id: 6, title: 'TypeScript in Practice', level: 'intermediate', tags: ['javascript', 'typescript'], price: 29 },
  { id: 7, title: 'Data Lakes on S3', level: 'intermediate', tags: ['aws', 's3', 'data'], price: 45 },
  { id: 8, title: 'Privacy Engineering Basics', level: 'beginner', tags: ['privacy', 'security'], price: 19 },
  { id: 9, title: 'Infrastructure as Code with Pulumi', level: 'intermediate', tags: ['pulumi', 'aws'], price: 35 },
  { id: 10, title: 'Statistics for Product Teams', level: 'beginner', tags: ['data', 'statistics'], price: 25 },
  { id: 11, title: 'DynamoDB Data Modelling', level: 'advanced', tags: ['aws', 'dynamodb'], price: 55 },
  { id: 12, title: 'Web Performance', level: 'advanced', tags: ['javascript', 'performance'], price: 39 },
];

function search(q, limit = 10) {
  const terms = String(q || '').toLowerCase().split(/\s+/).filter(Boolean);
  const matches = COURSES.filter((c) => {
    const text = `${c.title} ${c.level} ${c.tags.join(' ')}`.toLowerCase();
    return terms.every((t) => text.includes(t));
  });
  return { total: matches.length, results: matches.slice(0, limit) };
}

function byId(id) {
  return COURSES.find((c) => String(c.id) === String(id)) || null;
}

module.exports = { COURSES, search, byId };
