// TechEmpower's Fortunes test in Next.js 15: getServerSideProps queries PostgreSQL through
// `pg` (a pool of 8, as the Rust servers), adds the request-time fortune, sorts by message.
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });

export async function getServerSideProps() {
  const { rows } = await pool.query('SELECT id, message FROM fortune');
  rows.push({ id: 0, message: 'Additional fortune added at request time.' });
  rows.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  return { props: { fortunes: rows } };
}

export default function Fortunes({ fortunes }) {
  return (
    <table>
      <tbody>
        <tr>
          <th>id</th>
          <th>message</th>
        </tr>
        {fortunes.map((fortune) => (
          <tr key={fortune.id}>
            <td>{fortune.id}</td>
            <td>{fortune.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
