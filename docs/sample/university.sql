-- A small university: departments, students, courses and enrolments.
-- Load it in the shell with  \i docs/sample/university.sql  (from the repository root);
-- docs/sample/README.md has queries to try. Safe to run twice: it drops what it creates.

DROP TABLE IF EXISTS enrolments;
DROP TABLE IF EXISTS courses;
DROP TABLE IF EXISTS students;
DROP TABLE IF EXISTS departments;

CREATE TABLE departments (
    id       integer PRIMARY KEY,
    name     text NOT NULL UNIQUE,
    building text
);

CREATE TABLE students (
    id        integer PRIMARY KEY,
    name      text NOT NULL,
    email     varchar(80) UNIQUE,
    dept_id   integer NOT NULL,
    enrolled  date NOT NULL DEFAULT current_date
);
CREATE INDEX students_dept_idx ON students (dept_id);

CREATE TABLE courses (
    code     varchar(10) PRIMARY KEY,
    title    text NOT NULL,
    dept_id  integer NOT NULL,
    credits  integer NOT NULL CHECK (credits BETWEEN 1 AND 10)
);

CREATE TABLE enrolments (
    student_id  integer,
    course_code varchar(10),
    term        text NOT NULL,
    grade       numeric(3,1),
    PRIMARY KEY (student_id, course_code)
);
CREATE INDEX enrolments_course_idx ON enrolments (course_code);

INSERT INTO departments VALUES
    (1, 'Computer Science', 'Turing Hall'),
    (2, 'Mathematics', 'Noether Building'),
    (3, 'Physics', 'Curie Lab');

INSERT INTO students (id, name, email, dept_id, enrolled) VALUES
    (1, 'Ada Byron',       'ada@uni.example',     1, '2023-09-01'),
    (2, 'Alan Turing',     'alan@uni.example',    1, '2022-09-01'),
    (3, 'Emmy Noether',    'emmy@uni.example',    2, '2023-09-01'),
    (4, 'Grace Hopper',    'grace@uni.example',   1, '2024-09-01'),
    (5, 'Marie Curie',     'marie@uni.example',   3, '2022-09-01'),
    (6, 'Kurt Goedel',     'kurt@uni.example',    2, '2024-09-01'),
    (7, 'Lise Meitner',    'lise@uni.example',    3, '2023-09-01'),
    (8, 'Edsger Dijkstra', 'edsger@uni.example',  1, '2024-09-01');

INSERT INTO courses VALUES
    ('CS101', 'Programming', 1, 6),
    ('CS201', 'Databases', 1, 6),
    ('CS301', 'Distributed Systems', 1, 8),
    ('MA101', 'Linear Algebra', 2, 5),
    ('MA201', 'Logic', 2, 5),
    ('PH101', 'Mechanics', 3, 6);

INSERT INTO enrolments VALUES
    (1, 'CS101', '2023-fall', 9.5), (1, 'CS201', '2024-spring', 9.0),
    (1, 'MA101', '2023-fall', 8.0), (2, 'CS101', '2022-fall', 10.0),
    (2, 'CS201', '2023-spring', 9.5), (2, 'CS301', '2023-fall', 9.0),
    (2, 'MA201', '2023-spring', 8.5), (3, 'MA101', '2023-fall', 10.0),
    (3, 'MA201', '2024-spring', 9.5), (4, 'CS101', '2024-fall', NULL),
    (4, 'CS201', '2024-fall', NULL), (5, 'PH101', '2022-fall', 9.0),
    (5, 'MA101', '2022-fall', 7.5), (6, 'MA201', '2024-fall', NULL),
    (7, 'PH101', '2023-fall', 8.5), (8, 'CS101', '2024-fall', NULL),
    (8, 'CS301', '2024-fall', NULL);
