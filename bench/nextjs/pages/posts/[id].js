// The benchmark page: the same props (about 2 KB) and markup as bench/src/content.rs.
const PARAGRAPH =
  "Server-side rendering runs the props function on every request, then renders the page with what it returned. ";

function post(id) {
  return {
    id,
    title: `Post number ${id}: rendering on the server`,
    author: { name: "Ada Lovelace", bio: "Writes about analytical engines & the web <3" },
    tags: ["rust", "ssr", "nextjs", "actix", "maud"],
    body: PARAGRAPH.repeat(12),
    comments: [1, 2, 3, 4, 5].map((n) => ({
      author: `reader${n}`,
      text: `Comment ${n} on post ${id}: a fair point, well made.`,
    })),
  };
}

export async function getServerSideProps({ params }) {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id < 0) {
    return { notFound: true };
  }
  return { props: post(id) };
}

export default function Post(post) {
  return (
    <article>
      <h1>{post.title}</h1>
      <p className="byline">
        By {post.author.name} — {post.author.bio}
      </p>
      <ul className="tags">
        {post.tags.map((tag) => (
          <li key={tag}>{tag}</li>
        ))}
      </ul>
      <div className="body">
        <p>{post.body}</p>
      </div>
      <section className="comments">
        <h2>Comments</h2>
        {post.comments.map((c) => (
          <div className="comment" key={c.author}>
            <b>{c.author}</b>: {c.text}
          </div>
        ))}
      </section>
    </article>
  );
}
